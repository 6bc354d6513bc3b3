# test_file.py: QnetFile through the Qnet-1.0 typelib from Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import gc
import os

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Qnet', '1.0')

from gi.repository import Gio, GLib, Qnet  # noqa: E402

import pytest  # noqa: E402

F = Qnet.FileOpenFlags
RW = F.READ | F.WRITE | F.CREATE | F.TRUNCATE

COMMON_KEYS = {'event', 'source', 'id'}

# The keys of each QnetFile event, as in EVENTS.md.
EVENT_KEYS = {
    'open-file': {'filename', 'flags', 'mode', 'encoding'},
    'file-opened': {'filename', 'flags', 'mode', 'encoding'},
    'data-read': {'read', 'total_read', 'total_to_read'},
    'data-written': {'written', 'total_written', 'total_to_write'},
    'channel-closed': set(),
    'deleted': set(),
    'operation-failed': {'operation', 'domain', 'code', 'message'},
}

EVENT_CODES = {
    'open-file': 22,
    'file-opened': 23,
    'data-read': 24,
    'data-written': 25,
    'channel-closed': 7,
    'deleted': 8,
    'operation-failed': 104,
}


def record(file):
    """Collects (name, hash as a dict) of every event of @file."""
    events = []

    def on_event(emitter, event):
        events.append((event.get_name(), event.get_hash().unpack()))

    file.connect('event', on_event)
    return events


def check_keys(events, emitter_id):
    for name, keys in events:
        assert set(keys) == COMMON_KEYS | EVENT_KEYS[name], name
        assert keys['event'] == EVENT_CODES[name]
        assert keys['source'] == int(Qnet.EventSource.FILE) == 4
        assert keys['id'] == emitter_id


def run_loop_until(predicate, timeout_ms=10000):
    context = GLib.MainContext.default()
    deadline = GLib.get_monotonic_time() + timeout_ms * 1000
    while not predicate():
        assert GLib.get_monotonic_time() < deadline, 'timed out'
        context.iteration(True)


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / 'file.txt')


def test_write_read_events(path):
    file = Qnet.File.new(None)
    emitter_id = file.get_id()
    events = record(file)
    typed = []

    file.connect('open-file',
                 lambda f, filename, flags, mode, encoding:
                 typed.append(('open-file', filename, flags, mode, encoding)))
    file.connect('file-opened',
                 lambda f, filename, flags, mode, encoding:
                 typed.append(('file-opened', filename, flags, mode, encoding)))
    file.connect('data-written',
                 lambda f, written, total, to_write:
                 typed.append(('data-written', written, total, to_write)))
    file.connect('data-read',
                 lambda f, read, total, to_read:
                 typed.append(('data-read', read, total, to_read)))
    detailed = []
    file.connect('event::data-read', lambda f, event: detailed.append(event.get_name()))
    file.connect('channel-closed', lambda f: typed.append(('channel-closed',)))
    file.connect('deleted', lambda f: typed.append(('deleted',)))

    assert file.open(path, RW, 0o600, None, None)
    assert file.is_open()
    assert file.get_filename() == path
    assert file.props.filename == path
    assert file.props.label == path
    file.write('h\u00e9llo\n', None)
    # PyGObject renames methods named like Python 2 keywords: print -> print_
    file.print_('second line\n', None)
    file.write_bytes(GLib.Bytes.new(b'\x00\x01'), None)
    file.set_position(0)
    assert file.read_line(False, None) == 'h\u00e9llo'
    assert file.read(6, None) == 'second'
    assert file.read_bytes(-1, None).get_data() == b' line\n\x00\x01'
    assert file.read_line(True, None) is None
    assert file.get_position() == 21
    assert file.get_size() == 21
    file.close(None)
    assert not file.is_open()
    del file
    gc.collect()

    flags = int(RW)
    assert typed == [
        ('open-file', path, flags, 0o600, 'UTF-8'),
        ('file-opened', path, flags, 0o600, 'UTF-8'),
        ('data-written', 7, 7, 7),
        ('data-written', 12, 12, 12),
        ('data-written', 2, 2, 2),
        ('data-read', 21, 21, -1),
        ('channel-closed',),
        ('deleted',),
    ]
    assert detailed == ['data-read']
    assert [name for name, _ in events] == [
        'open-file', 'file-opened', 'data-written', 'data-written', 'data-written',
        'data-read', 'channel-closed', 'deleted']
    check_keys(events, emitter_id)
    assert events[0][1]['filename'] == path
    assert events[0][1]['flags'] == flags
    assert events[0][1]['mode'] == 0o600
    assert events[0][1]['encoding'] == 'UTF-8'
    assert events[5][1] == {'event': 24, 'source': 4, 'id': emitter_id,
                            'read': 21, 'total_read': 21, 'total_to_read': -1}
    with open(path, 'rb') as f:
        assert f.read() == 'h\u00e9llo\nsecond line\n'.encode() + b'\x00\x01'


def test_event_queue(path):
    queue = Qnet.EventQueue.new()
    file = Qnet.File.new('ISO-8859-1')
    emitter_id = file.get_id()
    file.set_event_queue(queue, GLib.Variant('s', 'python'), False)
    assert file.get_event_queue() == queue

    file.open(path, RW, 0o644, None, None)
    file.write('caf\u00e9', None)
    file.set_position(0)
    assert file.read(-1, None) == 'caf\u00e9'
    file.close(None)
    del file
    gc.collect()

    with open(path, 'rb') as f:
        assert f.read() == b'caf\xe9'

    popped = []
    while True:
        event = queue.pop(0)
        if event is None:
            break
        assert event.get_arg().unpack() == 'python'
        assert event.get_type_name() == 'QnetFile'
        assert event.get_source() == Qnet.EventSource.FILE
        assert event.get_id() == emitter_id
        popped.append((event.get_name(), event.get_hash().unpack()))
    assert [name for name, _ in popped] == [
        'open-file', 'file-opened', 'data-written', 'data-read', 'channel-closed', 'deleted']
    check_keys(popped, emitter_id)
    assert popped[0][1]['encoding'] == 'ISO-8859-1'
    assert popped[2][1]['written'] == 4
    assert popped[3][1]['read'] == 4


def test_async_same_events(tmp_path):
    def scenario(path, use_async):
        file = Qnet.File.new(None)
        events = record(file)
        results = []
        if not use_async:
            file.open(path, RW, 0o644, None, None)
            file.write_bytes(GLib.Bytes.new(b'one\ntwo\n'), None)
            file.set_position(0)
            results.append(file.read_line(False, None))
            results.append(file.read_bytes(-1, None).get_data())
            results.append(file.read_line(False, None))
            file.close(None)
        else:
            state = {'done': False}
            seen_at_callback = []

            def step(name, start, finish):
                state['done'] = False

                def callback(source, result):
                    seen_at_callback.append(len(events))
                    state['value'] = finish(result)
                    state['done'] = True

                start(callback)
                # nothing is raised inside the call itself
                assert len(seen_at_callback) == 0 or seen_at_callback[-1] <= len(events)
                run_loop_until(lambda: state['done'])
                # every event came before the callback
                assert seen_at_callback[-1] == len(events), name
                return state['value']

            assert step('open',
                        lambda cb: file.open_async(path, RW, 0o644, None, None, cb),
                        file.open_finish)
            assert step('write_bytes',
                        lambda cb: file.write_bytes_async(GLib.Bytes.new(b'one\ntwo\n'), None, cb),
                        file.write_bytes_finish)
            file.set_position(0)
            results.append(step('read_line',
                                lambda cb: file.read_line_async(False, None, cb),
                                file.read_line_finish))
            results.append(step('read_bytes',
                                lambda cb: file.read_bytes_async(-1, None, cb),
                                file.read_bytes_finish).get_data())
            results.append(step('read_line',
                                lambda cb: file.read_line_async(False, None, cb),
                                file.read_line_finish))
            assert step('close',
                        lambda cb: file.close_async(None, cb),
                        file.close_finish)
        del file
        gc.collect()
        # ids differ between the two objects; file names too
        normalized = [(name, {k: v for k, v in keys.items() if k not in ('id', 'filename')})
                      for name, keys in events]
        return results, normalized

    blocking = scenario(str(tmp_path / 'blocking.txt'), False)
    asynchronous = scenario(str(tmp_path / 'async.txt'), True)
    assert blocking[0] == ['one', b'two\n', None]
    assert asynchronous == blocking
    assert [name for name, _ in blocking[1]] == [
        'open-file', 'file-opened', 'data-written', 'data-read', 'channel-closed', 'deleted']


def test_errors(path, tmp_path):
    file = Qnet.File.new(None)
    events = record(file)

    with pytest.raises(GLib.Error) as info:
        file.open(str(tmp_path / 'missing'), F.READ, 0, None, None)
    assert info.value.domain == 'g-io-error-quark'
    assert info.value.code == int(Gio.IOErrorEnum.NOT_FOUND)
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND)
    assert 'missing' in info.value.message
    assert [name for name, _ in events] == ['open-file', 'operation-failed']
    assert events[1][1]['operation'] == 'open'
    assert events[1][1]['domain'] == 'g-io-error-quark'
    assert events[1][1]['code'] == int(Gio.IOErrorEnum.NOT_FOUND)

    with pytest.raises(GLib.Error) as info:
        file.read(-1, None)
    assert info.value.domain == 'qnet-file-error-quark'
    assert info.value.matches(Qnet.file_error_quark(), Qnet.FileError.NOT_OPEN)

    with pytest.raises(GLib.Error) as info:
        file.set_encoding('NO-SUCH-ENCODING')
    assert info.value.matches(Qnet.file_error_quark(), Qnet.FileError.INVALID_ENCODING)
    assert file.get_encoding() == 'UTF-8'

    with open(path, 'wb') as f:
        f.write(b'ok\xff\n')
    file.open(path, F.READ, 0, None, None)
    with pytest.raises(GLib.Error) as info:
        file.write('x', None)
    assert info.value.matches(Qnet.file_error_quark(), Qnet.FileError.WRITE)
    with pytest.raises(GLib.Error) as info:
        file.read_line(True, None)
    assert info.value.matches(Qnet.file_error_quark(), Qnet.FileError.ENCODING)
    # nothing was consumed by the failed read
    assert file.get_position() == 0
    assert file.read_bytes(2, None).get_data() == b'ok'

    full = Qnet.File.new(None)
    full_events = record(full)
    full.open('/dev/full', F.WRITE, 0, None, None)
    with pytest.raises(GLib.Error) as info:
        full.write('data', None)
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NO_SPACE)
    assert [name for name, _ in full_events] == ['open-file', 'file-opened', 'operation-failed']
    assert full_events[2][1]['operation'] == 'write'


def test_integers(path):
    file = Qnet.File.new(None)
    file.open(path, RW, 0o644, None, None)
    file.write_i8(-1, None)
    file.write_i16(0x1234, None)
    file.write_i32_le(-2, None)
    file.write_i64(-(2 ** 62) - 5, None)
    file.write_i64_le(0x0102030405060708, None)
    file.set_position(0)
    assert file.read_u8(None) == 0xff
    assert file.read_u16(None) == 0x1234
    assert file.read_i32_le(None) == -2
    assert file.read_i64(None) == -(2 ** 62) - 5
    assert file.read_i64_le(None) == 0x0102030405060708
    with pytest.raises(GLib.Error) as info:
        file.read_u32(None)
    assert info.value.matches(Qnet.file_error_quark(), Qnet.FileError.READ)
    file.close(None)
    with open(path, 'rb') as f:
        data = f.read()
    assert len(data) == 1 + 2 + 4 + 8 + 8
    assert data[:3] == b'\xff\x12\x34'
    assert data[-8:] == bytes([8, 7, 6, 5, 4, 3, 2, 1])


def test_utf16_round_trip(path):
    file = Qnet.File.new('UTF-16')
    file.open(path, RW, 0o644, None, None)
    file.write('\u00e9t\u00e9\n', None)
    file.write('\U0001d11e\n', None)
    file.set_position(0)
    assert file.read_line(False, None) == '\u00e9t\u00e9'
    assert file.read_line(True, None) == '\U0001d11e\n'
    assert file.read_line(True, None) is None
    file.close(None)
    assert os.path.getsize(path) == 2 + 2 * 4 + 2 * 3
