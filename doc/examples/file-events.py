#!/usr/bin/python3
# file-events.py: write and read a file with QnetFile and print every event
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: file-events.py [PATH]
# (run it with the built typelib: GI_TYPELIB_PATH=<build>/introspection
#  LD_LIBRARY_PATH=<build>/libqnet)

import os
import shutil
import sys
import tempfile

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Qnet', '1.0')

from gi.repository import GLib, Qnet  # noqa: E402

F = Qnet.FileOpenFlags


def on_event(emitter, event):
    keys = ' '.join(f'{k}={v!r}' for k, v in event.get_hash().unpack().items())
    print(f'  {event.get_name():<17}{keys}', flush=True)


def on_data_written(file, written, total_written, total_to_write):
    # a typed signal: its arguments are the event's keys
    print(f'    ({written} bytes written, {total_written} of {total_to_write})')


def main():
    tmpdir = None
    if len(sys.argv) > 1:
        path = sys.argv[1]
    else:
        tmpdir = tempfile.mkdtemp(prefix='qnet-file-events-')
        path = os.path.join(tmpdir, 'hello.txt')

    file = Qnet.File.new(None)
    file.connect('event', on_event)
    file.connect('data-written', on_data_written)

    print(f'Writing {path} (blocking):')
    file.open(path, F.WRITE | F.CREATE | F.TRUNCATE, 0o644, None, None)
    file.write('Hello from libqnet\n', None)
    file.print_('Grüße, événements\n', None)  # PyGObject spells print() print_()
    file.write_i32(2024, None)
    file.close(None)

    print('Reading it back (blocking):')
    file.open(path, F.READ, 0, None, None)
    print(f'  -> line {file.read_line(False, None)!r}')
    print(f'  -> line {file.read_line(False, None)!r}')
    print(f'  -> integer {file.read_i32(None)}')
    file.close(None)

    print('Reading it again (asynchronous):')
    loop = GLib.MainLoop()

    def on_closed(f, result):
        f.close_finish(result)
        loop.quit()

    def on_line(f, result):
        print(f'  -> line {f.read_line_finish(result)!r}')
        f.close_async(None, on_closed)

    def on_opened(f, result):
        f.open_finish(result)
        f.read_line_async(False, None, on_line)

    file.open_async(path, F.READ, 0, None, None, on_opened)
    loop.run()

    print('Opening a file that does not exist:')
    try:
        file.open(path + '.missing', F.READ, 0, None, None)
    except GLib.Error as e:
        print(f'  -> {e.domain} {e.code}: {e.message}')

    print('Dropping the object:')
    del file

    if tmpdir is not None:
        shutil.rmtree(tmpdir)


if __name__ == '__main__':
    main()
