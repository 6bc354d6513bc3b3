# test_socket_tls.py: QnetSocket over TLS through the Qnet-1.0 typelib from Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Peers: gnutls-serv (started here on a free port, with the fixtures of
# tests/data/tls) and QnetSocket's own server side in the same loop. A
# missing gnutls-serv fails the tests.

import gc
import os
import socket
import subprocess
import time

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Qnet', '1.0')

from gi.repository import GLib, Qnet  # noqa: E402

import pytest  # noqa: E402

TIMEOUT_MS = 10000
COMMON_KEYS = {'event', 'source', 'id'}
TLS13_CIPHER = 'TLS_AES_256_GCM_SHA384'
TLS_DATA = os.path.join(os.environ['QNET_TEST_DATA_DIR'], 'tls')


def fixture(name):
    return os.path.join(TLS_DATA, name)


def run_loop(done):
    """Iterates the default context until done() is true, bounded."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not done():
        assert time.monotonic() < deadline, 'timed out'
        context.iteration(False) or time.sleep(0.001)


# (object, handler id) of every handler the tests connect: disconnected
# after each test, so no Python handler runs while the garbage collector
# disposes the sockets (their `deleted` event).
HANDLERS = []


def connect(obj, signal, handler):
    HANDLERS.append((obj, obj.connect(signal, handler)))


@pytest.fixture(autouse=True)
def disconnect_handlers():
    yield
    while HANDLERS:
        obj, handler_id = HANDLERS.pop()
        obj.disconnect(handler_id)
    gc.collect()


def record(emitter):
    """(name, keys without the common ones) of every event of @emitter."""
    events = []

    def on_event(source, event):
        keys = {k: v for k, v in event.get_hash().unpack().items() if k not in COMMON_KEYS}
        events.append((event.get_name(), keys))

    connect(emitter, 'event', on_event)
    return events


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@pytest.fixture
def gnutls_serv(request):
    """Starts gnutls-serv --echo with the certificate named by the test's
    parameter (server.pem by default); yields its port."""
    cert = getattr(request, 'param', 'server.pem')
    port = free_port()
    proc = subprocess.Popen(['gnutls-serv', '--echo', '--quiet', '--port=%d' % port,
                             '--x509certfile=%s' % fixture(cert),
                             '--x509keyfile=%s' % fixture('server-key.pem')],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while True:
            assert proc.poll() is None, 'gnutls-serv exited'
            try:
                socket.create_connection(('127.0.0.1', port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, 'gnutls-serv did not start'
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def trusting_socket():
    sock = Qnet.Socket.new()
    assert sock.set_ca_file(fixture('ca.pem'))
    assert sock.get_ca_file() == fixture('ca.pem')
    assert sock.get_verify_peer()
    return sock


def connect_ssl(sock, dest, use_async):
    if not use_async:
        return sock.connect_ssl(dest, TIMEOUT_MS, None)
    result = {}
    sock.connect_ssl_async(dest, TIMEOUT_MS, None, lambda s, res: result.setdefault('res', res))
    run_loop(lambda: 'res' in result)
    return sock.connect_ssl_finish(result['res'])


def test_connect_ssl_exact_events(gnutls_serv):
    """connect_ssl by name, blocking and asynchronous: the same exact
    events, typed signal arguments equal to the hash."""
    port = gnutls_serv
    sequences = []
    for use_async in (False, True):
        sock = trusting_socket()
        events = record(sock)
        typed = []
        connect(sock, 'start-ssl', lambda s: typed.append(('start-ssl', s.get_is_secure())))
        connect(sock, 'ssl-established', lambda s, cipher, version:
                typed.append(('ssl-established', cipher, version, s.get_is_secure())))

        assert connect_ssl(sock, 'localhost:%d' % port, use_async)
        assert sock.get_is_secure()
        assert sock.get_cipher_name() == TLS13_CIPHER
        assert sock.get_cipher_version() == 'TLS1.3'
        assert sock.verify_peer_certificate() == 'X509_V_OK'
        peer = sock.get_peer_certificate()
        assert isinstance(peer, Qnet.TlsCertificate)
        assert 'localhost' in peer.get_dns_names()

        # Plaintext counted both ways.
        assert sock.send('hello\n', None)
        assert sock.recv_bytes(6, TIMEOUT_MS, None).get_data() == b'hello\n'
        assert sock.shutdown_ssl(None)
        sock.close()

        assert typed == [('start-ssl', False), ('ssl-established', TLS13_CIPHER, 'TLS1.3', True)]
        assert events == [
            ('hostname-lookup', {'name': 'localhost', 'service': str(port)}),
            ('hostname-resolved', {'address': '::1', 'type': 10, 'typename': 'ipv6', 'port': port}),
            ('hostname-resolved', {'address': '127.0.0.1', 'type': 2, 'typename': 'ipv4', 'port': port}),
            ('connecting', {'type': 10, 'typename': 'ipv6', 'target': 'localhost', 'address': '::1',
                            'port': port}),
            ('connected', {}),
            ('start-ssl', {}),
            ('ssl-established', {'cipher': TLS13_CIPHER, 'cipher_version': 'TLS1.3'}),
            ('packet-sent', {'socket': events[7][1].get('socket'), 'sent': 6, 'total_sent': 6,
                             'total_to_send': 6}),
            ('packet-read', {'read': 6, 'total_read': 6, 'total_to_read': 6}),
            ('channel-closed', {}),
        ]
        assert events[7][1]['socket'] >= 0
        sequences.append([(name, {k: v for k, v in keys.items() if k != 'socket'})
                          for name, keys in events])
    assert sequences[0] == sequences[1]


@pytest.mark.parametrize('gnutls_serv', ['selfsigned.pem'], indirect=True)
def test_untrusted_and_accept_certificate(gnutls_serv):
    """A self-signed server fails with QNET_TLS_ERROR_CERTIFICATE and the
    code; an accept-certificate handler sees the certificate and accepts."""
    dest = '127.0.0.1:%d' % gnutls_serv

    sock = trusting_socket()
    events = record(sock)
    with pytest.raises(GLib.Error) as info:
        sock.connect_ssl(dest, TIMEOUT_MS, None)
    assert info.value.matches(Qnet.tls_error_quark(), Qnet.TlsError.CERTIFICATE)
    assert 'X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT' in info.value.message
    assert [name for name, _ in events] == ['connecting', 'connected', 'start-ssl',
                                            'channel-closed', 'operation-failed']
    assert events[-1][1]['operation'] == 'connect_ssl'
    assert events[-1][1]['code'] == int(Qnet.TlsError.CERTIFICATE)
    assert not sock.is_open()

    seen = []

    def on_accept(s, peer, code):
        seen.append((peer.get_subject_name(), code))
        return True

    sock = trusting_socket()
    connect(sock, 'accept-certificate', on_accept)
    assert connect_ssl(sock, dest, True)
    assert seen == [('CN=localhost,O=libqnet tests', 'X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT')]
    assert sock.verify_peer_certificate() == 'X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT'
    assert sock.send('accepted\n', None)
    assert sock.recv_bytes(9, TIMEOUT_MS, None).get_data() == b'accepted\n'
    sock.close()


def test_accept_ssl_and_client_in_one_loop():
    """accept_ssl_async and connect_ssl_async in one main loop, STARTTLS
    properties through GObject, events of the server's connection."""
    server = Qnet.Socket.new()
    assert server.bind('127.0.0.1:0', True, None)
    assert server.listen(4)
    certificate = Qnet.TlsCertificate.new_from_file(fixture('server.pem'))
    private_key = Qnet.TlsPrivateKey.new_from_file(fixture('server-key.pem'), None)
    server.props.certificate = certificate
    server.props.private_key = private_key
    assert server.get_certificate() == certificate

    conn_events = []

    def on_incoming(listener, conn):
        # The new connection's own events (start-ssl, ssl-established).
        connect(conn, 'event', lambda c, ev: conn_events.append(ev.get_name()))

    connect(server, 'incoming-connection', on_incoming)

    result = {}
    server.accept_ssl_async(TIMEOUT_MS, None, lambda s, res: result.setdefault('conn', s.accept_ssl_finish(res)))
    client = trusting_socket()
    client.props.server_name = 'localhost'
    client_events = record(client)
    client.connect_ssl_async('127.0.0.1:%d' % server.get_port(), TIMEOUT_MS, None,
                             lambda s, res: result.setdefault('client', s.connect_ssl_finish(res)))
    run_loop(lambda: 'conn' in result and 'client' in result)

    conn = result['conn']
    assert result['client'] is True
    assert conn.get_is_secure() and client.get_is_secure()
    assert conn.get_cipher_name() == client.get_cipher_name() == TLS13_CIPHER
    assert conn_events == ['start-ssl', 'ssl-established']
    assert [name for name, _ in client_events] == ['connecting', 'connected', 'start-ssl', 'ssl-established']

    assert client.send('over TLS\n', None)
    assert conn.recv_until('\n', 100, TIMEOUT_MS, None).get_data() == b'over TLS\n'
    assert conn.shutdown_ssl(None)
    conn.close()
    # The server said close_notify: the end is clean, not a truncation.
    with pytest.raises(GLib.Error) as info:
        client.recv_bytes(-1, TIMEOUT_MS, None)
    assert info.value.matches(Qnet.socket_error_quark(), Qnet.SocketError.CLOSED)
    assert not client.is_open()
    server.close()


def test_shutdown_ssl_on_plain_socket_fails():
    server = Qnet.Socket.new()
    assert server.bind('127.0.0.1:0', True, None)
    assert server.listen(1)
    client = Qnet.Socket.new()
    assert client.connect_to('127.0.0.1:%d' % server.get_port(), TIMEOUT_MS, None)
    with pytest.raises(GLib.Error) as info:
        client.shutdown_ssl(None)
    assert info.value.matches(Qnet.tls_error_quark(), Qnet.TlsError.NOT_SECURE)
    assert client.get_cipher_name() is None
    assert client.verify_peer_certificate() is None
    client.close()
    server.close()
