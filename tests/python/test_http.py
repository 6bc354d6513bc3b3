# test_http.py: QnetHttpClient and QnetHttpResponse through the Qnet-1.0 typelib from Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A scripted server (a thread replaying exact bytes on a free loopback
# port) answers; the client's events are recorded and compared with the
# sequences of EVENTS.md.

import socket
import threading

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Qnet', '1.0')

from gi.repository import Gio, GLib, Qnet  # noqa: E402

import pytest  # noqa: E402

TIMEOUT_S = 10

CHUNKED = (b'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n'
           b'X-Multi: a\r\nX-Multi: b\r\n\r\n'
           b'5\r\nhello\r\n7\r\n, world\r\n0\r\nX-Checksum: 42\r\n\r\n')

COMMON_KEYS = {'event', 'source', 'id'}

# Keys and codes of the events a plain HTTP GET raises (EVENTS.md).
EVENT_KEYS = {
    'connecting': (18, {'type', 'typename', 'target', 'address', 'port'}),
    'connected': (19, set()),
    'http-send-message': (13, {'message', 'headers'}),
    'packet-sent': (2, {'socket', 'sent', 'total_sent', 'total_to_send'}),
    'packet-read': (1, {'read', 'total_read', 'total_to_read'}),
    'http-message-received': (14, {'headers'}),
    'http-content-length': (3, {'len'}),
    'http-chunked-start': (4, set()),
    'http-chunk-size': (17, {'size', 'total_read'}),
    'http-chunked-data-received': (16, {'read', 'total_read'}),
    'http-footers-received': (15, {'headers'}),
    'http-chunked-end': (5, set()),
    'http-response-complete': (105, {'status_code', 'body_size', 'wire_size'}),
    'operation-failed': (104, {'operation', 'domain', 'code', 'message'}),
    'channel-closed': (7, set()),
}

# EVENTS.md: a chunked GET on a fresh connection (packet events aside,
# whose number depends on how the network splits the bytes).
CHUNKED_GET = [
    'connecting', 'connected', 'http-send-message', 'http-message-received',
    'http-chunked-start',
    'http-chunk-size', 'http-chunked-data-received',
    'http-chunk-size', 'http-chunked-data-received',
    'http-chunk-size', 'http-footers-received', 'http-chunked-end',
    'http-response-complete',
]


def read_request(conn):
    """Reads one request (head and a Content-Length body); b'' at EOF."""
    data = b''
    while b'\r\n\r\n' not in data:
        piece = conn.recv(65536)
        if not piece:
            return b''
        data += piece
    head, _, rest = data.partition(b'\r\n\r\n')
    length = 0
    for line in head.split(b'\r\n')[1:]:
        name, _, value = line.partition(b':')
        if name.strip().lower() == b'content-length':
            length = int(value.strip())
    while len(rest) < length:
        piece = conn.recv(65536)
        if not piece:
            break
        rest += piece
    return head + b'\r\n\r\n' + rest


class ScriptedServer:
    """Answers each request on each connection with the next reply."""

    def __init__(self, replies):
        self.replies = list(replies)
        self.requests = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(8)
        self.sock.settimeout(TIMEOUT_S)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(TIMEOUT_S)
            while self.replies:
                request = read_request(conn)
                if not request:
                    return
                self.requests.append(request)
                conn.sendall(self.replies.pop(0))

    def url(self, path='/'):
        return f'http://127.0.0.1:{self.port}{path}'

    def close(self):
        self.sock.close()
        self.thread.join(TIMEOUT_S)


@pytest.fixture
def server(request):
    srv = ScriptedServer(request.param)
    yield srv
    srv.close()


def record(emitter):
    events = []

    def on_event(_emitter, event):
        events.append(event)

    emitter.connect('event', on_event)
    return events


def names_without_packets(events):
    return [e.get_name() for e in events if e.get_name() not in ('packet-read', 'packet-sent')]


def check_events(events, client):
    """Every event has the keys and code of EVENTS.md, the client's id, and
    the source of its layer; packet-read is source 1 for the head and 2
    for the body."""
    in_body = False
    for event in events:
        name = event.get_name()
        code, keys = EVENT_KEYS[name]
        hash_ = event.get_hash().unpack()
        optional = {'total_to_read', 'port'} & keys
        assert COMMON_KEYS | (keys - optional) <= set(hash_) <= COMMON_KEYS | keys, name
        assert hash_['event'] == code
        assert hash_['id'] == client.get_id()
        assert event.get_type_name() == 'QnetHttpClient'
        if name == 'http-message-received':
            in_body = True
        if name == 'packet-read':
            assert event.get_source() == (Qnet.EventSource.HTTP_CLIENT if in_body else Qnet.EventSource.SOCKET)
        elif name.startswith('http-'):
            assert event.get_source() == Qnet.EventSource.HTTP_CLIENT, name
        elif name != 'operation-failed':
            assert event.get_source() == Qnet.EventSource.SOCKET, name


@pytest.mark.parametrize('server', [[CHUNKED]], indirect=True)
def test_get_events(server):
    client = Qnet.HttpClient.new(server.url('/'))
    client.set_timeout(TIMEOUT_S * 1000)
    events = record(client)

    response = client.get('/greeting', None, None)

    assert names_without_packets(events) == CHUNKED_GET
    assert 'packet-sent' in [e.get_name() for e in events]
    assert 'packet-read' in [e.get_name() for e in events]
    check_events(events, client)

    sent = next(e for e in events if e.get_name() == 'http-send-message').get_hash().unpack()
    assert sent['message'] == 'GET /greeting HTTP/1.1'
    assert sent['headers']['Host'] == f'127.0.0.1:{server.port}'
    received = next(e for e in events if e.get_name() == 'http-message-received').get_hash().unpack()
    assert received['headers']['status_code'] == 200
    assert received['headers']['status_message'] == 'OK'
    assert received['headers']['http_version'] == '1.1'
    assert received['headers']['x-multi'] == ['a', 'b']
    sizes = [e.get_hash().unpack()['size'] for e in events if e.get_name() == 'http-chunk-size']
    assert sizes == [5, 7, 0]
    footers = next(e for e in events if e.get_name() == 'http-footers-received').get_hash().unpack()
    assert footers['headers'] == {'x-checksum': '42'}
    complete = next(e for e in events if e.get_name() == 'http-response-complete').get_hash().unpack()
    assert complete == {'event': 105, 'source': 2, 'id': client.get_id(),
                        'status_code': 200, 'body_size': 12, 'wire_size': 12}

    assert response.get_body().get_data() == b'hello, world'
    assert server.requests[0].startswith(b'GET /greeting HTTP/1.1\r\n')


@pytest.mark.parametrize('server', [[CHUNKED]], indirect=True)
def test_async_get_from_main_loop(server):
    client = Qnet.HttpClient.new(server.url())
    client.set_timeout(TIMEOUT_S * 1000)
    events = record(client)
    loop = GLib.MainLoop()
    results = {}

    def done(source, result):
        try:
            results['response'] = source.get_finish(result)
        except GLib.Error as error:
            results['error'] = error
        loop.quit()

    client.get_async('/', None, None, done)
    GLib.timeout_add_seconds(TIMEOUT_S, loop.quit)
    loop.run()

    assert 'error' not in results
    assert results['response'].get_status_code() == 200
    assert results['response'].get_body().get_data() == b'hello, world'
    assert names_without_packets(events) == CHUNKED_GET
    check_events(events, client)


@pytest.mark.parametrize('server', [[b'HTTP/1.1 201 Created\r\nContent-Length: 2\r\nLocation: /items/9\r\n\r\nok']],
                         indirect=True)
def test_post_with_body(server):
    client = Qnet.HttpClient.new(server.url())
    client.set_timeout(TIMEOUT_S * 1000)
    events = record(client)
    body = GLib.Bytes.new(b'{"name": "x"}')

    response = client.post('/items', body, {'Content-Type': 'application/json', 'X-Req': '1'})

    assert response.get_status_code() == 201
    assert response.get_status_message() == 'Created'
    assert response.get_body().get_data() == b'ok'
    request = server.requests[0]
    assert request.startswith(b'POST /items HTTP/1.1\r\n')
    assert b'Content-Type: application/json\r\n' in request
    assert b'X-Req: 1\r\n' in request
    assert b'Content-Length: 13\r\n' in request
    assert request.endswith(b'\r\n\r\n{"name": "x"}')
    assert names_without_packets(events) == [
        'connecting', 'connected', 'http-send-message', 'http-message-received',
        'http-content-length', 'http-response-complete']
    length = next(e for e in events if e.get_name() == 'http-content-length').get_hash().unpack()
    assert length['len'] == 2
    check_events(events, client)


@pytest.mark.parametrize('server', [[CHUNKED]], indirect=True)
def test_response_headers(server):
    client = Qnet.HttpClient.new(server.url())
    client.set_timeout(TIMEOUT_S * 1000)

    response = client.get(None, None, None)

    assert response.get_header('content-type') == 'text/plain'
    assert response.get_header('CONTENT-TYPE') == 'text/plain'
    assert response.get_header('x-multi') == 'a, b'
    assert response.get_header_values('X-Multi') == ['a', 'b']
    assert response.get_header('missing') is None
    assert response.has_header('Transfer-Encoding')
    headers = response.get_headers().unpack()
    assert headers['status_code'] == 200
    assert headers['x-multi'] == ['a', 'b']
    assert response.get_trailers().unpack() == {'x-checksum': '42'}
    assert response.get_trailer('X-Checksum') == '42'
    assert response.props.status_code == 200
    assert response.props.http_version == '1.1'
    assert response.props.url == server.url('/')
    assert response.props.redirect_count == 0
    assert 'Content-Type' in response.get_header_names()


@pytest.mark.parametrize('server', [[b'HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\n\r\nnope!']], indirect=True)
def test_status_error_keeps_response(server):
    client = Qnet.HttpClient.new(server.url())
    client.set_timeout(TIMEOUT_S * 1000)
    events = record(client)

    with pytest.raises(GLib.Error) as info:
        client.get('/missing', None, None)

    assert info.value.matches(Qnet.http_error_quark(), Qnet.HttpError.STATUS)
    last = client.props.last_response
    assert last.get_status_code() == 404
    assert last.get_body().get_data() == b'nope!'
    failed = [e.get_hash().unpack() for e in events if e.get_name() == 'operation-failed']
    assert len(failed) == 1
    assert failed[0]['operation'] == 'get'
    assert failed[0]['code'] == int(Qnet.HttpError.STATUS)


def test_invalid_input_refused():
    client = Qnet.HttpClient.new('http://127.0.0.1:9/')
    events = record(client)

    with pytest.raises(GLib.Error) as info:
        client.get('/a\r\nInjected: 1', None, None)
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.INVALID_ARGUMENT)
    with pytest.raises(GLib.Error) as info:
        client.get('/', {'X-Bad': 'a\nb'}, None)
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.INVALID_ARGUMENT)
    assert 'connecting' not in [e.get_name() for e in events]


def test_properties():
    client = Qnet.HttpClient.new('http://example.invalid/')
    assert client.props.http_version == '1.1'
    assert client.props.max_redirects == 5
    assert client.props.timeout == 300000
    assert client.props.connect_timeout == 60000
    assert client.props.decode_content
    assert client.props.persistent
    assert not client.props.redirect_passthru
    assert not client.props.error_passthru
    assert client.props.last_response is None
    assert isinstance(client, Qnet.Socket)
    client.props.max_redirects = 2
    assert client.get_max_redirects() == 2
