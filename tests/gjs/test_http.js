// test_http.js: QnetHttpClient and QnetHttpResponse through the Qnet-1.0 typelib from GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A scripted server (a Gio.SocketService in this main loop, replaying
// exact bytes) answers the asynchronous requests; the client's events are
// recorded and compared with the sequences of EVENTS.md.

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Qnet from 'gi://Qnet?version=1.0';

import * as tap from './tap.js';

tap.plan(4);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const CHUNKED = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n' +
    'X-Multi: a\r\nX-Multi: b\r\n\r\n' +
    '5\r\nhello\r\n7\r\n, world\r\n0\r\nX-Checksum: 42\r\n\r\n';

// EVENTS.md: a chunked GET on a fresh connection, packet events aside.
const CHUNKED_GET = [
    'connecting', 'connected', 'http-send-message', 'http-message-received',
    'http-chunked-start',
    'http-chunk-size', 'http-chunked-data-received',
    'http-chunk-size', 'http-chunked-data-received',
    'http-chunk-size', 'http-footers-received', 'http-chunked-end',
    'http-response-complete',
];

const EVENT_CODES = {
    'connecting': 18, 'connected': 19, 'http-send-message': 13, 'packet-sent': 2,
    'packet-read': 1, 'http-message-received': 14, 'http-content-length': 3,
    'http-chunked-start': 4, 'http-chunk-size': 17, 'http-chunked-data-received': 16,
    'http-footers-received': 15, 'http-chunked-end': 5, 'http-response-complete': 105,
};

// A server answering each request (head and Content-Length body) of its
// one connection with the next reply; requests are kept as text.
function scriptedServer(replies) {
    const service = new Gio.SocketService();
    const [, effective] = service.add_address(Gio.InetSocketAddress.new_from_string('127.0.0.1', 0),
        Gio.SocketType.STREAM, Gio.SocketProtocol.TCP, null);
    const port = effective.get_port();
    const requests = [];

    service.connect('incoming', (_service, connection) => {
        const input = connection.get_input_stream();
        const output = connection.get_output_stream();
        let buffer = '';

        const readMore = () => {
            input.read_bytes_async(65536, GLib.PRIORITY_DEFAULT, null, (stream, result) => {
                const bytes = stream.read_bytes_finish(result);
                if (bytes.get_size() === 0) {
                    connection.close(null);
                    return;
                }
                buffer += decoder.decode(bytes.toArray());
                const end = buffer.indexOf('\r\n\r\n');
                if (end < 0) {
                    readMore();
                    return;
                }
                const match = /\r\ncontent-length: *(\d+)/i.exec(buffer.slice(0, end));
                const length = match ? parseInt(match[1], 10) : 0;
                if (buffer.length < end + 4 + length) {
                    readMore();
                    return;
                }
                requests.push(buffer.slice(0, end + 4 + length));
                buffer = buffer.slice(end + 4 + length);
                const reply = replies.shift();
                output.write_all_async(encoder.encode(reply), GLib.PRIORITY_DEFAULT, null, (o, r) => {
                    o.write_all_finish(r);
                    if (replies.length > 0)
                        readMore();
                });
            });
        };
        readMore();
        return true;
    });
    service.start();
    return {service, port, requests, url: path => `http://127.0.0.1:${port}${path}`};
}

function record(emitter) {
    const events = [];
    emitter.connect('event', (_source, event) => events.push(event));
    return events;
}

function namesWithoutPackets(events) {
    return events.map(e => e.get_name()).filter(n => n !== 'packet-read' && n !== 'packet-sent');
}

function checkEvents(events, client) {
    let inBody = false;
    for (const event of events) {
        const name = event.get_name();
        const hash = event.get_hash().recursiveUnpack();
        tap.is(hash.event, EVENT_CODES[name], `${name} code`);
        tap.is(hash.id, client.get_id(), `${name} id`);
        if (name === 'http-message-received')
            inBody = true;
        if (name === 'packet-read') {
            tap.is(event.get_source(), inBody ? Qnet.EventSource.HTTP_CLIENT : Qnet.EventSource.SOCKET,
                'packet-read source');
        } else if (name.startsWith('http-')) {
            tap.is(event.get_source(), Qnet.EventSource.HTTP_CLIENT, `${name} source`);
        } else {
            tap.is(event.get_source(), Qnet.EventSource.SOCKET, `${name} source`);
        }
    }
}

tap.test('a chunked GET raises the events of EVENTS.md', async () => {
    const server = scriptedServer([CHUNKED]);
    const client = Qnet.HttpClient.new(server.url('/'));
    const events = record(client);

    const response = await tap.callAsync(client, 'get', '/greeting', null, null);

    tap.deepEqual(namesWithoutPackets(events), CHUNKED_GET, 'sequence');
    tap.ok(events.some(e => e.get_name() === 'packet-sent'), 'packet-sent');
    tap.ok(events.some(e => e.get_name() === 'packet-read'), 'packet-read');
    checkEvents(events, client);

    const sent = events.find(e => e.get_name() === 'http-send-message').get_hash().recursiveUnpack();
    tap.is(sent.message, 'GET /greeting HTTP/1.1');
    tap.is(sent.headers.Host, `127.0.0.1:${server.port}`);
    const received = events.find(e => e.get_name() === 'http-message-received').get_hash().recursiveUnpack();
    tap.is(received.headers.status_code, 200);
    tap.deepEqual(received.headers['x-multi'], ['a', 'b']);
    const sizes = events.filter(e => e.get_name() === 'http-chunk-size').map(e => e.get_hash().recursiveUnpack().size);
    tap.deepEqual(sizes, [5, 7, 0]);
    const complete = events.find(e => e.get_name() === 'http-response-complete').get_hash().recursiveUnpack();
    tap.is(complete.body_size, 12);
    tap.is(decoder.decode(response.get_body().toArray()), 'hello, world');
    tap.ok(server.requests[0].startsWith('GET /greeting HTTP/1.1\r\n'), 'request line');
    server.service.stop();
});

tap.test('typed signals carry the event arguments', async () => {
    const server = scriptedServer([CHUNKED]);
    const client = Qnet.HttpClient.new(server.url('/'));
    const chunkSizes = [];
    let redirects = 0;
    let complete = null;
    client.connect('http-chunk-size', (_c, size, totalRead) => chunkSizes.push([size, totalRead]));
    client.connect('http-redirect', () => redirects++);
    client.connect('http-response-complete', (_c, status, bodySize, wireSize) => {
        complete = [status, bodySize, wireSize];
    });

    await tap.callAsync(client, 'get', null, null, null);

    tap.deepEqual(chunkSizes, [[5, 0], [7, 5], [0, 12]]);
    tap.is(redirects, 0);
    tap.deepEqual(complete, [200, 12, 12]);
    server.service.stop();
});

tap.test('a POST with a body', async () => {
    const server = scriptedServer(['HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok']);
    const client = Qnet.HttpClient.new(server.url('/'));
    const events = record(client);
    const body = new GLib.Bytes(encoder.encode('{"name": "x"}'));

    const response = await tap.callAsync(client, 'post', '/items', body,
        {'Content-Type': 'application/json'}, null);

    tap.is(response.get_status_code(), 201);
    tap.is(response.get_status_message(), 'Created');
    tap.is(decoder.decode(response.get_body().toArray()), 'ok');
    const request = server.requests[0];
    tap.ok(request.startsWith('POST /items HTTP/1.1\r\n'), 'request line');
    tap.ok(request.includes('Content-Type: application/json\r\n'), 'content type');
    tap.ok(request.includes('Content-Length: 13\r\n'), 'content length');
    tap.ok(request.endsWith('\r\n\r\n{"name": "x"}'), 'body');
    tap.deepEqual(namesWithoutPackets(events), [
        'connecting', 'connected', 'http-send-message', 'http-message-received',
        'http-content-length', 'http-response-complete']);
    checkEvents(events, client);
    server.service.stop();
});

tap.test('headers from QnetHttpResponse', async () => {
    const server = scriptedServer([CHUNKED]);
    const client = Qnet.HttpClient.new(server.url('/'));

    const response = await tap.callAsync(client, 'get', '/', null, null);

    tap.is(response.get_header('content-type'), 'text/plain');
    tap.is(response.get_header('CONTENT-TYPE'), 'text/plain');
    tap.is(response.get_header('x-multi'), 'a, b');
    tap.deepEqual(response.get_header_values('X-Multi'), ['a', 'b']);
    tap.is(response.get_header('missing'), null);
    const headers = response.get_headers().recursiveUnpack();
    tap.is(headers.status_code, 200);
    tap.is(headers.http_version, '1.1');
    tap.deepEqual(response.get_trailers().recursiveUnpack(), {'x-checksum': '42'});
    tap.is(response.status_code, 200);
    tap.is(response.url, server.url('/'));
    tap.is(client.last_response, response);
    server.service.stop();
});

tap.run();
