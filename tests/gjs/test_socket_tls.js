// test_socket_tls.js: QnetSocket over TLS through the Qnet-1.0 typelib from GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Peers: gnutls-serv (started here on a free port with the fixtures of
// tests/data/tls; missing, it fails the test) and QnetSocket's own server
// side in the same main loop.

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Qnet from 'gi://Qnet?version=1.0';

import * as tap from './tap.js';

tap.plan(3);

const TIMEOUT_MS = 10000;
const COMMON_KEYS = ['event', 'id', 'source'];
const TLS13_CIPHER = 'TLS_AES_256_GCM_SHA384';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const here = GLib.path_get_dirname(GLib.filename_from_uri(import.meta.url)[0]);
const tlsData = GLib.build_filenamev([here, '..', 'data', 'tls']);
const fixture = name => GLib.build_filenamev([tlsData, name]);

// [name, keys without the common ones] of every event of @emitter.
function record(emitter) {
    const events = [];
    emitter.connect('event', (source, event) => {
        const hash = event.get_hash().recursiveUnpack();
        const keys = {};
        for (const key of Object.keys(hash).sort()) {
            if (!COMMON_KEYS.includes(key))
                keys[key] = hash[key];
        }
        events.push([event.get_name(), keys]);
    });
    return events;
}

function freePort() {
    const socket = Gio.Socket.new(Gio.SocketFamily.IPV4, Gio.SocketType.STREAM, Gio.SocketProtocol.TCP);
    socket.bind(Gio.InetSocketAddress.new_from_string('127.0.0.1', 0), true);
    const port = socket.get_local_address().get_port();
    socket.close();
    return port;
}

// Resolves after @ms milliseconds from the main loop.
function sleep(ms) {
    return new Promise(resolve => {
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => {
            resolve();
            return GLib.SOURCE_REMOVE;
        });
    });
}

// Starts gnutls-serv --echo and resolves with [process, port] once it
// accepts connections.
async function startGnutlsServ(cert) {
    const port = freePort();
    const process = Gio.Subprocess.new(['gnutls-serv', '--echo', '--quiet', `--port=${port}`,
        `--x509certfile=${fixture(cert)}`, `--x509keyfile=${fixture('server-key.pem')}`],
    Gio.SubprocessFlags.STDOUT_SILENCE | Gio.SubprocessFlags.STDERR_SILENCE);
    const deadline = GLib.get_monotonic_time() + TIMEOUT_MS * 1000;
    for (;;) {
        const client = new Gio.SocketClient({timeout: 1});
        try {
            client.connect_to_host('127.0.0.1', port, null).close(null);
            return [process, port];
        } catch {
            tap.ok(GLib.get_monotonic_time() < deadline, 'gnutls-serv starts in time');
            tap.ok(process.get_identifier() !== null, 'gnutls-serv is running');
            // eslint-disable-next-line no-await-in-loop
            await sleep(50);
        }
    }
}

function stopProcess(process) {
    process.send_signal(15);
    process.wait(null);
}

function trustingSocket() {
    const sock = Qnet.Socket.new();
    tap.ok(sock.set_ca_file(fixture('ca.pem')), 'CA file accepted');
    return sock;
}

tap.test('connect_ssl by name: exact events, blocking and asynchronous alike', async () => {
    const [process, port] = await startGnutlsServ('server.pem');
    try {
        const sequences = [];
        for (const useAsync of [false, true]) {
            const sock = trustingSocket();
            const events = record(sock);
            const typed = [];
            sock.connect('start-ssl', s => typed.push(['start-ssl', s.get_is_secure()]));
            sock.connect('ssl-established', (s, cipher, version) =>
                typed.push(['ssl-established', cipher, version, s.get_is_secure()]));

            const dest = `localhost:${port}`;
            if (useAsync)
                tap.ok(await tap.callAsync(sock, 'connect_ssl', dest, TIMEOUT_MS, null), 'connected (async)');
            else
                tap.ok(sock.connect_ssl(dest, TIMEOUT_MS, null), 'connected');
            tap.ok(sock.get_is_secure(), 'secure');
            tap.is(sock.get_cipher_name(), TLS13_CIPHER);
            tap.is(sock.get_cipher_version(), 'TLS1.3');
            tap.is(sock.verify_peer_certificate(), 'X509_V_OK');

            tap.ok(sock.send('hello\n', null));
            tap.is(decoder.decode(sock.recv_bytes(6, TIMEOUT_MS, null).toArray()), 'hello\n');
            tap.ok(sock.shutdown_ssl(null), 'close_notify sent');
            sock.close();

            tap.deepEqual(typed, [['start-ssl', false], ['ssl-established', TLS13_CIPHER, 'TLS1.3', true]],
                'typed signal arguments');
            const fd = events[7][1].socket;
            tap.ok(fd >= 0, 'packet-sent names the descriptor');
            tap.deepEqual(events, [
                ['hostname-lookup', {name: 'localhost', service: `${port}`}],
                ['hostname-resolved', {address: '::1', port, type: 10, typename: 'ipv6'}],
                ['hostname-resolved', {address: '127.0.0.1', port, type: 2, typename: 'ipv4'}],
                ['connecting', {address: '::1', port, target: 'localhost', type: 10, typename: 'ipv6'}],
                ['connected', {}],
                ['start-ssl', {}],
                ['ssl-established', {cipher: TLS13_CIPHER, cipher_version: 'TLS1.3'}],
                ['packet-sent', {sent: 6, socket: fd, total_sent: 6, total_to_send: 6}],
                ['packet-read', {read: 6, total_read: 6, total_to_read: 6}],
                ['channel-closed', {}],
            ], 'exact events');
            sequences.push(events.map(([name, keys]) => [name, {...keys, socket: undefined}]));
        }
        tap.deepEqual(sequences[0], sequences[1], 'blocking and asynchronous forms raise the same events');
    } finally {
        stopProcess(process);
    }
});

tap.test('self-signed: refused with the code, then accepted by accept-certificate', async () => {
    const [process, port] = await startGnutlsServ('selfsigned.pem');
    try {
        const refused = trustingSocket();
        const events = record(refused);
        const error = await tap.rejectsGError(
            tap.callAsync(refused, 'connect_ssl', `127.0.0.1:${port}`, TIMEOUT_MS, null),
            Qnet.tls_error_quark(), Qnet.TlsError.CERTIFICATE);
        tap.ok(error.message.includes('X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT'), 'the message gives the code');
        tap.deepEqual(events.map(([name]) => name),
            ['connecting', 'connected', 'start-ssl', 'channel-closed', 'operation-failed']);
        tap.is(events[4][1].operation, 'connect_ssl');

        const sock = trustingSocket();
        const seen = [];
        sock.connect('accept-certificate', (s, peer, code) => {
            seen.push([peer.get_subject_name(), code]);
            return true;
        });
        tap.ok(await tap.callAsync(sock, 'connect_ssl', `127.0.0.1:${port}`, TIMEOUT_MS, null), 'accepted');
        tap.deepEqual(seen, [['CN=localhost,O=libqnet tests', 'X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT']]);
        tap.is(sock.verify_peer_certificate(), 'X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT');
        sock.close();
    } finally {
        stopProcess(process);
    }
});

tap.test('accept_ssl and connect_ssl in one main loop', async () => {
    const server = Qnet.Socket.new();
    tap.ok(server.bind('127.0.0.1:0', true, null));
    tap.ok(server.listen(4));
    server.certificate = Qnet.TlsCertificate.new_from_file(fixture('server.pem'));
    server.private_key = Qnet.TlsPrivateKey.new_from_file(fixture('server-key.pem'), null);

    const connEvents = [];
    server.connect('incoming-connection', (listener, conn) => {
        conn.connect('event', (c, event) => connEvents.push(event.get_name()));
    });
    const accepted = tap.callAsync(server, 'accept_ssl', TIMEOUT_MS, null);
    const client = trustingSocket();
    const clientEvents = record(client);
    const connected = tap.callAsync(client, 'connect_ssl', `127.0.0.1:${server.get_port()}`, TIMEOUT_MS, null);
    const [conn, ok] = await Promise.all([accepted, connected]);
    tap.ok(ok, 'client connected');
    tap.ok(conn.get_is_secure() && client.get_is_secure(), 'both secure');
    tap.is(conn.get_cipher_name(), client.get_cipher_name());
    tap.deepEqual(connEvents, ['start-ssl', 'ssl-established']);
    tap.deepEqual(clientEvents.map(([name]) => name), ['connecting', 'connected', 'start-ssl', 'ssl-established']);

    tap.ok(await tap.callAsync(client, 'send_bytes', new GLib.Bytes(encoder.encode('over TLS\n')), null));
    const line = await tap.callAsync(conn, 'recv_until', '\n', 100, TIMEOUT_MS, null);
    tap.is(decoder.decode(line.toArray()), 'over TLS\n');
    conn.close();
    client.close();
    server.close();
});

tap.run();
