// test_file.js: QnetFile through the Qnet-1.0 typelib from GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Qnet from 'gi://Qnet?version=1.0';

import * as tap from './tap.js';

tap.plan(6);

const F = Qnet.FileOpenFlags;
const RW = F.READ | F.WRITE | F.CREATE | F.TRUNCATE;

const COMMON_KEYS = ['event', 'id', 'source'];

// The keys of each QnetFile event, as in EVENTS.md.
const EVENT_KEYS = {
    'open-file': ['encoding', 'filename', 'flags', 'mode'],
    'file-opened': ['encoding', 'filename', 'flags', 'mode'],
    'data-read': ['read', 'total_read', 'total_to_read'],
    'data-written': ['total_to_write', 'total_written', 'written'],
    'channel-closed': [],
    'deleted': [],
    'operation-failed': ['code', 'domain', 'message', 'operation'],
};

const EVENT_CODES = {
    'open-file': 22,
    'file-opened': 23,
    'data-read': 24,
    'data-written': 25,
    'channel-closed': 7,
    'deleted': 8,
    'operation-failed': 104,
};

const tmpdir = GLib.dir_make_tmp('qnet-gjs-XXXXXX');
let counter = 0;

function tmpPath(name) {
    counter++;
    return GLib.build_filenamev([tmpdir, `${counter}-${name}`]);
}

// Records [name, hash] of every event of @file (hash unpacked to plain values).
function record(file) {
    const events = [];
    file.connect('event', (emitter, event) => {
        events.push([event.get_name(), event.get_hash().recursiveUnpack()]);
    });
    return events;
}

function names(events) {
    return events.map(([name]) => name);
}

function checkKeys(events, id) {
    for (const [name, hash] of events) {
        tap.deepEqual(Object.keys(hash).sort(), [...COMMON_KEYS, ...EVENT_KEYS[name]].sort(),
            `keys of ${name}`);
        tap.is(hash.event, EVENT_CODES[name], `code of ${name}`);
        tap.is(hash.source, Qnet.EventSource.FILE, `source of ${name}`);
        tap.is(hash.id, id, `id of ${name}`);
    }
}

function fileBytes(path) {
    const [, contents] = GLib.file_get_contents(path);
    return contents;
}

// Integer reads return their value, or [true, value] where the binding
// keeps the boolean that the C function returns besides throwing.
function intValue(result) {
    return Array.isArray(result) ? result[1] : result;
}

tap.test('write and read with typed signals and generic events', () => {
    const path = tmpPath('events.txt');
    const file = Qnet.File.new(null);
    const id = file.get_id();
    const events = record(file);
    const typed = [];
    const detailed = [];

    file.connect('open-file', (f, filename, flags, mode, encoding) =>
        typed.push(['open-file', filename, flags, mode, encoding]));
    file.connect('file-opened', (f, filename, flags, mode, encoding) =>
        typed.push(['file-opened', filename, flags, mode, encoding]));
    file.connect('data-written', (f, written, total, toWrite) =>
        typed.push(['data-written', written, total, toWrite]));
    file.connect('data-read', (f, read, total, toRead) =>
        typed.push(['data-read', read, total, toRead]));
    file.connect('event::data-read', (f, event) => detailed.push(event.get_name()));
    file.connect('channel-closed', () => typed.push(['channel-closed']));
    file.connect('deleted', () => typed.push(['deleted']));

    tap.ok(file.open(path, RW, 0o600, null, null), 'open');
    tap.ok(file.is_open(), 'is open');
    tap.is(file.get_filename(), path);
    tap.is(file.filename, path);
    tap.is(file.label, path);
    file.write('h\u00e9llo\n', null);
    file.print('second line\n', null);
    file.write_bytes(new GLib.Bytes(new Uint8Array([0, 1])), null);
    file.set_position(0);
    tap.is(file.read_line(false, null), 'h\u00e9llo');
    tap.is(file.read(6, null), 'second');
    tap.deepEqual(file.read_bytes(-1, null).toArray(), new Uint8Array([32, 108, 105, 110, 101, 10, 0, 1]));
    tap.is(file.read_line(true, null), null, 'end of file');
    tap.is(file.get_position(), 21);
    tap.is(file.get_size(), 21);
    file.close(null);
    tap.ok(!file.is_open(), 'closed');
    file.run_dispose();

    tap.deepEqual(typed, [
        ['open-file', path, RW, 0o600, 'UTF-8'],
        ['file-opened', path, RW, 0o600, 'UTF-8'],
        ['data-written', 7, 7, 7],
        ['data-written', 12, 12, 12],
        ['data-written', 2, 2, 2],
        ['data-read', 21, 21, -1],
        ['channel-closed'],
        ['deleted'],
    ]);
    tap.deepEqual(detailed, ['data-read']);
    tap.deepEqual(names(events), ['open-file', 'file-opened', 'data-written', 'data-written',
        'data-written', 'data-read', 'channel-closed', 'deleted']);
    checkKeys(events, id);
    tap.deepEqual(events[0][1], {event: 22, source: 4, id, filename: path, flags: RW,
        mode: 0o600, encoding: 'UTF-8'});
    tap.deepEqual(events[5][1], {event: 24, source: 4, id, read: 21, total_read: 21,
        total_to_read: -1});
    tap.is(fileBytes(path).length, 21);
});

tap.test('events through a QnetEventQueue', () => {
    const path = tmpPath('queue.txt');
    const queue = Qnet.EventQueue.new();
    const file = Qnet.File.new('ISO-8859-1');
    const id = file.get_id();

    file.set_event_queue(queue, new GLib.Variant('s', 'gjs'), false);
    file.open(path, RW, 0o644, null, null);
    file.write('caf\u00e9', null);
    file.set_position(0);
    tap.is(file.read(-1, null), 'caf\u00e9');
    file.close(null);
    file.run_dispose();

    tap.deepEqual(fileBytes(path), new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'ISO-8859-1 on disk');

    const popped = [];
    for (let event = queue.pop(0); event !== null; event = queue.pop(0)) {
        tap.is(event.get_arg().unpack(), 'gjs');
        tap.is(event.get_type_name(), 'QnetFile');
        tap.is(event.get_id(), id);
        popped.push([event.get_name(), event.get_hash().recursiveUnpack()]);
    }
    tap.deepEqual(names(popped), ['open-file', 'file-opened', 'data-written', 'data-read',
        'channel-closed', 'deleted']);
    checkKeys(popped, id);
    tap.is(popped[0][1].encoding, 'ISO-8859-1');
    tap.is(popped[2][1].written, 4);
});

async function scenario(path, useAsync) {
    const file = Qnet.File.new(null);
    const events = record(file);
    const results = [];
    const payload = new GLib.Bytes(new TextEncoder().encode('one\ntwo\n'));

    // Every event of an asynchronous operation comes before its result.
    const step = async (name, ...args) => {
        const before = events.length;
        const promise = tap.callAsync(file, name, ...args);
        tap.is(events.length, before, `nothing raised inside ${name}_async()`);
        return await promise;
    };

    if (useAsync) {
        tap.ok(await step('open', path, RW, 0o644, null, null), 'open_finish');
        tap.ok(await step('write_bytes', payload, null), 'write_bytes_finish');
        file.set_position(0);
        results.push(await step('read_line', false, null));
        results.push(await step('read', 2, null));
        results.push((await step('read_bytes', -1, null)).toArray());
        results.push(await step('read_line', false, null));
        tap.ok(await step('close', null), 'close_finish');
    } else {
        file.open(path, RW, 0o644, null, null);
        file.write_bytes(payload, null);
        file.set_position(0);
        results.push(file.read_line(false, null));
        results.push(file.read(2, null));
        results.push(file.read_bytes(-1, null).toArray());
        results.push(file.read_line(false, null));
        file.close(null);
    }
    file.run_dispose();
    // ids and file names differ between the two runs
    const normalized = events.map(([name, hash]) => {
        const copy = {...hash};
        delete copy.id;
        delete copy.filename;
        return [name, copy];
    });
    return [results, normalized];
}

tap.test('asynchronous open and read from a main loop raise the same events', async () => {
    const blocking = await scenario(tmpPath('blocking.txt'), false);
    const asynchronous = await scenario(tmpPath('async.txt'), true);

    tap.deepEqual(blocking[0], ['one', 'tw', new Uint8Array([0x6f, 0x0a]), null]);
    tap.deepEqual(asynchronous, blocking);
    tap.deepEqual(names(blocking[1]), ['open-file', 'file-opened', 'data-written', 'data-read',
        'channel-closed', 'deleted']);
});

tap.test('errors are GLib.Error with the right domain and code', async () => {
    const file = Qnet.File.new(null);
    const events = record(file);
    const missing = tmpPath('missing.txt');

    let e = tap.throwsGError(() => file.open(missing, F.READ, 0, null, null),
        Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND, 'missing file');
    tap.ok(e.message.includes(missing), 'message names the path');
    tap.deepEqual(names(events), ['open-file', 'operation-failed']);
    tap.is(events[1][1].operation, 'open');
    tap.is(events[1][1].domain, 'g-io-error-quark');
    tap.is(events[1][1].code, Gio.IOErrorEnum.NOT_FOUND);

    await tap.rejectsGError(tap.callAsync(file, 'open', missing, F.READ, 0, null, null),
        Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND, 'missing file, async');
    tap.deepEqual(names(events), ['open-file', 'operation-failed', 'open-file', 'operation-failed']);

    tap.throwsGError(() => file.read(-1, null), Qnet.file_error_quark(), Qnet.FileError.NOT_OPEN,
        'read on a closed file');
    tap.throwsGError(() => file.set_encoding('NO-SUCH-ENCODING'), Qnet.file_error_quark(),
        Qnet.FileError.INVALID_ENCODING, 'unknown encoding');
    tap.is(file.encoding, 'UTF-8');

    const path = tmpPath('ro.txt');
    GLib.file_set_contents(path, new Uint8Array([0x6f, 0x6b, 0xff, 0x0a]));
    file.open(path, F.READ, 0, null, null);
    tap.throwsGError(() => file.write('x', null), Qnet.file_error_quark(), Qnet.FileError.WRITE,
        'write on a read-only file');
    tap.throwsGError(() => file.read_line(true, null), Qnet.file_error_quark(),
        Qnet.FileError.ENCODING, 'invalid UTF-8');
    tap.is(file.get_position(), 0, 'nothing consumed');

    const full = Qnet.File.new(null);
    const fullEvents = record(full);
    full.open('/dev/full', F.WRITE, 0, null, null);
    tap.throwsGError(() => full.write('data', null), Gio.io_error_quark(),
        Gio.IOErrorEnum.NO_SPACE, 'disk full');
    tap.deepEqual(names(fullEvents), ['open-file', 'file-opened', 'operation-failed']);
});

tap.test('integers in both byte orders', () => {
    const path = tmpPath('ints.bin');
    const file = Qnet.File.new(null);

    file.open(path, RW, 0o644, null, null);
    file.write_i8(-1, null);
    file.write_i16(0x1234, null);
    file.write_i32_le(-2, null);
    file.write_i16_le(-300, null);
    file.set_position(0);
    tap.is(intValue(file.read_u8(null)), 0xff);
    tap.is(intValue(file.read_u16(null)), 0x1234);
    tap.is(intValue(file.read_i32_le(null)), -2);
    tap.is(intValue(file.read_i16_le(null)), -300);
    tap.throwsGError(() => file.read_u32(null), Qnet.file_error_quark(), Qnet.FileError.READ,
        'end of file');
    file.close(null);
    tap.deepEqual(fileBytes(path), new Uint8Array([0xff, 0x12, 0x34, 0xfe, 0xff, 0xff, 0xff,
        0xd4, 0xfe]));
});

tap.test('clean up', () => {
    const dir = Gio.File.new_for_path(tmpdir);
    const children = dir.enumerate_children('standard::name', Gio.FileQueryInfoFlags.NONE, null);
    for (let info = children.next_file(null); info !== null; info = children.next_file(null))
        dir.get_child(info.get_name()).delete(null);
    dir.delete(null);
    tap.ok(!GLib.file_test(tmpdir, GLib.FileTest.EXISTS), 'temporary directory removed');
});

tap.run();
