# test_socket.py: QnetSocket through the Qnet-1.0 typelib from Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shutil
import socket
import tempfile

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Qnet', '1.0')

from gi.repository import Gio, GLib, Qnet  # noqa: E402

import pytest  # noqa: E402

TIMEOUT_MS = 10000

COMMON_KEYS = {'event', 'source', 'id'}


def run_loop(loop, done):
    """Runs @loop until done() is true, bounded by TIMEOUT_MS."""
    expired = []

    def on_timeout():
        expired.append(True)
        loop.quit()
        return GLib.SOURCE_REMOVE

    timeout_id = GLib.timeout_add(TIMEOUT_MS, on_timeout)
    while not done() and not expired:
        loop.get_context().iteration(True)
    if not expired:
        GLib.source_remove(timeout_id)
    assert not expired, 'timed out'


def record(emitter):
    """Collects (name, hash as a dict) of every event of @emitter."""
    events = []

    def on_event(source, event):
        events.append((event.get_name(), event.get_hash().unpack()))

    emitter.connect('event', on_event)
    return events


def listening_socket():
    server = Qnet.Socket.new()
    assert server.bind('127.0.0.1:0', True, None)
    assert server.listen(16)
    assert server.get_state() == Qnet.SocketState.LISTENING
    return server


def test_async_client_and_server_in_one_loop():
    """An asynchronous client and server in one GLib.MainLoop, with typed
    signal arguments on both sides."""
    loop = GLib.MainLoop()
    server = listening_socket()
    port = server.get_port()
    assert port > 0

    connections = []
    server_seen = []

    def on_server_received(conn, data):
        assert isinstance(data, GLib.Bytes)
        server_seen.append(('received', data.get_data()))
        assert conn.queue_bytes(GLib.Bytes.new(data.get_data().upper()))

    def on_incoming(listener, conn):
        assert isinstance(conn, Qnet.Socket)
        assert conn.get_state() == Qnet.SocketState.CONNECTED
        server_seen.append(('incoming', conn.get_id() != listener.get_id()))
        connections.append(conn)
        conn.set_expect(5)
        conn.connect('received', on_server_received)
        assert conn.start_receiving()

    server.connect('incoming-connection', on_incoming)
    server_events = record(server)
    assert server.start_accepting()

    client = Qnet.Socket.new()
    typed = []
    client.connect('connecting', lambda s, family, typename, target, address, p:
                   typed.append(('connecting', family, typename, target, address, p)))
    client.connect('connected', lambda s: typed.append(('connected',)))
    client.connect('packet-sent', lambda s, fd, sent, total_sent, total_to_send:
                   typed.append(('packet-sent', fd == s.get_fd(), sent, total_sent, total_to_send)))
    client.connect('packet-read', lambda s, n, total_read, total_to_read:
                   typed.append(('packet-read', n, total_read, total_to_read)))
    client_events = record(client)
    result = {}

    def on_reply(sock, res):
        result['reply'] = sock.recv_bytes_finish(res).get_data()

    def on_sent(sock, res):
        assert sock.send_finish(res)
        sock.recv_bytes_async(5, TIMEOUT_MS, None, on_reply)

    def on_connected(sock, res):
        assert sock.connect_to_finish(res)
        sock.send_async('hello', None, on_sent)

    client.connect_to_async('127.0.0.1:%d' % port, TIMEOUT_MS, None, on_connected)
    run_loop(loop, lambda: 'reply' in result)

    assert result['reply'] == b'HELLO'
    assert typed == [
        ('connecting', 2, 'ipv4', '127.0.0.1', '127.0.0.1', port),
        ('connected',),
        ('packet-sent', True, 5, 5, 5),
        ('packet-read', 5, 5, 5),
    ]
    assert server_seen == [('incoming', True), ('received', b'hello')]

    # The generic `event` signal carries the same facts as hashes.
    names = [name for name, _ in client_events]
    assert names == ['connecting', 'connected', 'packet-sent', 'packet-read']
    for name, keys in client_events:
        assert keys['source'] == int(Qnet.EventSource.SOCKET)
        assert keys['id'] == client.get_id()
    assert client_events[0][1] == {
        'event': 18, 'source': 1, 'id': client.get_id(), 'type': 2, 'typename': 'ipv4',
        'target': '127.0.0.1', 'address': '127.0.0.1', 'port': port,
    }
    assert set(client_events[3][1]) == COMMON_KEYS | {'read', 'total_read', 'total_to_read'}

    incoming = [keys for name, keys in server_events if name == 'incoming-connection']
    assert len(incoming) == 1
    assert incoming[0]['peer_address'] == '127.0.0.1'
    assert incoming[0]['peer_port'] == client.get_local_address().get_port()
    assert incoming[0]['connection_id'] == connections[0].get_id()

    client.close()
    run_loop(loop, lambda: not connections[0].is_open())
    server.stop_accepting()
    server.close()


def test_connect_by_name_and_refused():
    """Exact events of a connect by name; a refused connect raises a
    GLib.Error naming the target."""
    listener = listening_socket()
    port = listener.get_port()
    # [::1]:port refuses, so both addresses of "localhost" are tried.
    refusing = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    refusing.bind(('::1', port))
    try:
        client = Qnet.Socket.new()
        events = record(client)
        assert client.connect_to('localhost:%d' % port, TIMEOUT_MS, None)
        assert [(name, {k: v for k, v in keys.items() if k not in COMMON_KEYS})
                for name, keys in events] == [
            ('hostname-lookup', {'name': 'localhost', 'service': str(port)}),
            ('hostname-resolved', {'address': '::1', 'type': 10, 'typename': 'ipv6', 'port': port}),
            ('hostname-resolved', {'address': '127.0.0.1', 'type': 2, 'typename': 'ipv4', 'port': port}),
            ('connecting', {'type': 10, 'typename': 'ipv6', 'target': 'localhost', 'address': '::1',
                            'port': port}),
            ('connecting', {'type': 2, 'typename': 'ipv4', 'target': 'localhost',
                            'address': '127.0.0.1', 'port': port}),
            ('connected', {}),
        ]
        info = client.get_peer_info().unpack()
        assert info['hostname'] == 'localhost'
        assert info['address'] == '127.0.0.1'
        assert info['port'] == port
        client.close()
    finally:
        refusing.close()
        listener.close()

    # The port is free again: nothing listens there now.
    client = Qnet.Socket.new()
    events = record(client)
    with pytest.raises(GLib.Error) as info:
        client.connect_to('127.0.0.1:%d' % port, TIMEOUT_MS, None)
    assert info.value.matches(Qnet.socket_error_quark(), Qnet.SocketError.CONNECT)
    assert info.value.message == 'Could not connect to 127.0.0.1:%d: Connection refused' % port
    assert [name for name, _ in events] == ['connecting', 'connect-failed', 'operation-failed']
    assert events[1][1]['error_code'] == int(Gio.IOErrorEnum.CONNECTION_REFUSED)
    assert events[2][1]['operation'] == 'connect_to'


def test_blocking_integers_and_text():
    """Blocking forms: integers round-trip and text is converted."""
    server = listening_socket()
    client = Qnet.Socket.new()
    assert client.connect_to('127.0.0.1:%d' % server.get_port(), TIMEOUT_MS, None)
    conn = server.accept(TIMEOUT_MS, None)
    assert conn is not None

    assert client.send_i32(-123456, None)
    assert client.send_i64_le(2 ** 62, None)
    assert client.send_i16(-2, None)
    assert conn.recv_i32(TIMEOUT_MS, None) == -123456
    assert conn.recv_i64_le(TIMEOUT_MS, None) == 2 ** 62
    assert conn.recv_u16(TIMEOUT_MS, None) == 65534

    client.set_charset('ISO-8859-1')
    assert client.send('d\u00e9j\u00e0', None)
    assert conn.recv_bytes(4, TIMEOUT_MS, None).get_data() == b'd\xe9j\xe0'
    assert conn.send_bytes(GLib.Bytes.new(b'\xe9t\xe9'), None)
    assert client.recv(3, TIMEOUT_MS, None) == '\u00e9t\u00e9'

    # A timeout is a GLib.Error, and nothing is lost.
    with pytest.raises(GLib.Error) as info:
        conn.recv_bytes(1, 100, None)
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.TIMED_OUT)

    client.close()
    # The peer closed: the socket closes too, and receiving fails CLOSED.
    with pytest.raises(GLib.Error) as info:
        conn.recv_bytes(1, TIMEOUT_MS, None)
    assert info.value.matches(Qnet.socket_error_quark(), Qnet.SocketError.CLOSED)
    assert not conn.is_open()
    server.close()


def test_unix_socket_file_removed_on_close():
    tmpdir = tempfile.mkdtemp(prefix='qnet-py-')
    try:
        path = os.path.join(tmpdir, 'py.sock')
        server = Qnet.Socket.new()
        assert server.bind(path, False, None)
        assert os.path.exists(path)
        assert server.listen(1)
        server.close()
        assert not os.path.exists(path)
    finally:
        shutil.rmtree(tmpdir)
