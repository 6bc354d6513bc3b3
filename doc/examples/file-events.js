// file-events.js: write and read a file with QnetFile and print every event
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Usage: gjs -m file-events.js [PATH]
// (run it with the built typelib: GI_TYPELIB_PATH=<build>/introspection
//  LD_LIBRARY_PATH=<build>/libqnet)

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Qnet from 'gi://Qnet?version=1.0';
import system from 'system';

const F = Qnet.FileOpenFlags;

Gio._promisify(Qnet.File.prototype, 'open_async', 'open_finish');
Gio._promisify(Qnet.File.prototype, 'read_line_async', 'read_line_finish');
Gio._promisify(Qnet.File.prototype, 'close_async', 'close_finish');

function onEvent(emitter, event) {
    const hash = event.get_hash().recursiveUnpack();
    const keys = Object.entries(hash).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    print(`  ${event.get_name().padEnd(17)}${keys}`);
}

async function main(args) {
    let tmpdir = null;
    let path = args[0];
    if (!path) {
        tmpdir = GLib.dir_make_tmp('qnet-file-events-XXXXXX');
        path = GLib.build_filenamev([tmpdir, 'hello.txt']);
    }

    const file = Qnet.File.new(null);
    file.connect('event', onEvent);
    // a typed signal: its arguments are the event's keys
    file.connect('data-written', (f, written, totalWritten, totalToWrite) =>
        print(`    (${written} bytes written, ${totalWritten} of ${totalToWrite})`));

    print(`Writing ${path} (blocking):`);
    file.open(path, F.WRITE | F.CREATE | F.TRUNCATE, 0o644, null, null);
    file.write('Hello from libqnet\n', null);
    file.print('Grüße, événements\n', null);
    file.write_i32(2024, null);
    file.close(null);

    print('Reading it back (blocking):');
    file.open(path, F.READ, 0, null, null);
    print(`  -> line ${JSON.stringify(file.read_line(false, null))}`);
    print(`  -> line ${JSON.stringify(file.read_line(false, null))}`);
    // GJS returns [true, value] for C functions returning a boolean and a value
    const [, number] = file.read_i32(null);
    print(`  -> integer ${number}`);
    file.close(null);

    print('Reading it again (asynchronous):');
    await file.open_async(path, F.READ, 0, null, null);
    print(`  -> line ${JSON.stringify(await file.read_line_async(false, null))}`);
    await file.close_async(null);

    print('Opening a file that does not exist:');
    try {
        file.open(`${path}.missing`, F.READ, 0, null, null);
    } catch (e) {
        print(`  -> ${GLib.quark_to_string(e.domain)} ${e.code}: ${e.message}`);
    }

    print('Dropping the object:');
    file.run_dispose();

    if (tmpdir) {
        GLib.unlink(path);
        GLib.rmdir(tmpdir);
    }
}

const loop = new GLib.MainLoop(null, false);
let status = 0;
main(ARGV).catch(e => {
    printerr(`file-events: ${e.message}`);
    status = 1;
}).finally(() => loop.quit());
loop.run();
system.exit(status);
