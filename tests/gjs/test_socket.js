// test_socket.js: QnetSocket through the Qnet-1.0 typelib from GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Qnet from 'gi://Qnet?version=1.0';

import * as tap from './tap.js';

tap.plan(4);

const TIMEOUT_MS = 10000;
const COMMON_KEYS = ['event', 'id', 'source'];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Records [name, hash] of every event of @emitter, the hash unpacked.
function record(emitter) {
    const events = [];
    emitter.connect('event', (source, event) => {
        events.push([event.get_name(), event.get_hash().recursiveUnpack()]);
    });
    return events;
}

function withoutCommonKeys(hash) {
    const out = {};
    for (const key of Object.keys(hash).sort()) {
        if (!COMMON_KEYS.includes(key))
            out[key] = hash[key];
    }
    return out;
}

function listeningSocket() {
    const server = Qnet.Socket.new();
    tap.ok(server.bind('127.0.0.1:0', true, null), 'bound');
    tap.ok(server.listen(16), 'listening');
    tap.is(server.get_state(), Qnet.SocketState.LISTENING);
    return server;
}

// Resolves when @predicate holds, polling from the main loop.
function until(predicate) {
    return new Promise(resolve => {
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 5, () => {
            if (!predicate())
                return GLib.SOURCE_CONTINUE;
            resolve();
            return GLib.SOURCE_REMOVE;
        });
    });
}

tap.test('asynchronous client and server in one main loop, typed signals', async () => {
    const server = listeningSocket();
    const port = server.get_port();
    const connections = [];
    const serverSeen = [];

    server.connect('incoming-connection', (listener, conn) => {
        tap.ok(conn instanceof Qnet.Socket, 'the connection is a QnetSocket');
        tap.is(conn.get_state(), Qnet.SocketState.CONNECTED);
        connections.push(conn);
        conn.set_expect(5);
        conn.connect('received', (c, bytes) => {
            const text = decoder.decode(bytes.toArray());
            serverSeen.push(text);
            c.queue_bytes(new GLib.Bytes(encoder.encode(text.toUpperCase())));
        });
        tap.ok(conn.start_receiving(), 'receiving');
    });
    const serverEvents = record(server);
    tap.ok(server.start_accepting(), 'accepting');

    const client = Qnet.Socket.new();
    const typed = [];
    client.connect('connecting', (s, family, typename, target, address, p) =>
        typed.push(['connecting', family, typename, target, address, p]));
    client.connect('connected', () => typed.push(['connected']));
    client.connect('packet-sent', (s, fd, sent, totalSent, totalToSend) =>
        typed.push(['packet-sent', fd === s.get_fd(), sent, totalSent, totalToSend]));
    client.connect('packet-read', (s, n, totalRead, totalToRead) =>
        typed.push(['packet-read', n, totalRead, totalToRead]));
    const clientEvents = record(client);

    tap.ok(await tap.callAsync(client, 'connect_to', `127.0.0.1:${port}`, TIMEOUT_MS, null), 'connected');
    tap.ok(await tap.callAsync(client, 'send', 'hello', null), 'sent');
    const reply = await tap.callAsync(client, 'recv_bytes', 5, TIMEOUT_MS, null);
    tap.is(decoder.decode(reply.toArray()), 'HELLO');

    tap.deepEqual(typed, [
        ['connecting', 2, 'ipv4', '127.0.0.1', '127.0.0.1', port],
        ['connected'],
        ['packet-sent', true, 5, 5, 5],
        ['packet-read', 5, 5, 5],
    ], 'typed signal arguments');
    tap.deepEqual(serverSeen, ['hello'], 'server received');
    tap.deepEqual(clientEvents.map(([name]) => name),
        ['connecting', 'connected', 'packet-sent', 'packet-read'], 'event names');
    tap.deepEqual(withoutCommonKeys(clientEvents[0][1]), {
        address: '127.0.0.1', port, target: '127.0.0.1', type: 2, typename: 'ipv4',
    }, 'connecting keys');

    const incoming = serverEvents.filter(([name]) => name === 'incoming-connection');
    tap.is(incoming.length, 1);
    tap.is(incoming[0][1].peer_address, '127.0.0.1');
    tap.is(incoming[0][1].connection_id, connections[0].get_id());

    client.close();
    await until(() => !connections[0].is_open());
    server.stop_accepting();
    server.close();
});

tap.test('connection refused is a GLib.Error naming the target', async () => {
    const probe = listeningSocket();
    const port = probe.get_port();
    probe.close();

    const client = Qnet.Socket.new();
    const events = record(client);
    const error = await tap.rejectsGError(
        tap.callAsync(client, 'connect_to', `127.0.0.1:${port}`, TIMEOUT_MS, null),
        Qnet.socket_error_quark(), Qnet.SocketError.CONNECT);
    tap.is(error.message, `Could not connect to 127.0.0.1:${port}: Connection refused`);
    tap.deepEqual(events.map(([name]) => name), ['connecting', 'connect-failed', 'operation-failed']);
    tap.is(events[1][1].error_code, Gio.IOErrorEnum.CONNECTION_REFUSED);
    tap.is(events[2][1].operation, 'connect_to');
});

tap.test('blocking forms: integers and charset', () => {
    const server = listeningSocket();
    const client = Qnet.Socket.new();
    tap.ok(client.connect_to(`127.0.0.1:${server.get_port()}`, TIMEOUT_MS, null));
    const conn = server.accept(TIMEOUT_MS, null);
    tap.ok(conn !== null, 'accepted');

    tap.ok(client.send_i32(-123456, null));
    tap.ok(client.send_i16_le(-2, null));
    tap.is(conn.recv_i32(TIMEOUT_MS, null), -123456);
    tap.is(conn.recv_u16_le(TIMEOUT_MS, null), 65534);

    client.set_charset('ISO-8859-1');
    tap.ok(client.send('d\u00e9j\u00e0', null));
    tap.deepEqual(conn.recv_bytes(4, TIMEOUT_MS, null).toArray(), new Uint8Array([0x64, 0xe9, 0x6a, 0xe0]));

    tap.throwsGError(() => conn.recv_bytes(1, 50, null), Gio.io_error_quark(), Gio.IOErrorEnum.TIMED_OUT);
    client.close();
    conn.close();
    server.close();
});

tap.test('push mode with expect delivers records', async () => {
    const server = listeningSocket();
    const client = Qnet.Socket.new();
    tap.ok(await tap.callAsync(client, 'connect_to', `127.0.0.1:${server.get_port()}`, TIMEOUT_MS, null));
    const conn = server.accept(TIMEOUT_MS, null);
    const records = [];
    let closed = false;

    conn.set_expect(3);
    conn.connect('received', (c, bytes) => records.push(decoder.decode(bytes.toArray())));
    conn.connect('channel-closed', () => {
        closed = true;
    });
    tap.ok(conn.start_receiving());
    tap.ok(client.queue_bytes(new GLib.Bytes(encoder.encode('abcdefgh'))));
    tap.ok(await tap.callAsync(client, 'is_write_finished', TIMEOUT_MS, null));
    client.close();
    await until(() => closed);
    tap.deepEqual(records, ['abc', 'def'], 'records of three bytes; the rest dropped at the close');
    server.close();
});

tap.run();
