# test_trace.py: QNET_TRACE on a real program yields JSON Lines in the trace
# format that Qnet.Event.new_from_json reads back.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import os
import subprocess

import gi

gi.require_version('Qnet', '1.0')

from gi.repository import Qnet  # noqa: E402

EXAMPLE = os.path.join(os.environ['QNET_BUILD_ROOT'], 'doc', 'examples', 'file-events')


def run_traced(tmp_path):
    trace = tmp_path / 'trace.jsonl'
    env = dict(os.environ, QNET_TRACE=str(trace))
    subprocess.run([EXAMPLE], cwd=tmp_path, env=env, check=True,
                   stdout=subprocess.DEVNULL, timeout=60)
    return trace.read_text(encoding='utf-8').splitlines()


def test_trace_file_reads_back(tmp_path):
    lines = run_traced(tmp_path)
    assert len(lines) >= 10

    events = [Qnet.Event.new_from_json(line) for line in lines]
    names = [e.get_name() for e in events]

    # The program's first file: opened, written, closed, in that order.
    assert names[:2] == ['open-file', 'file-opened']
    first_close = names.index('channel-closed')
    assert set(names[2:first_close]) == {'data-written'}
    assert names[-1] == 'deleted'

    for line, event in zip(lines, events):
        obj = json.loads(line)
        meta = obj.pop('qnet')
        # Top level: exactly the event hash's keys.
        assert set(obj) == set(event.get_hash().keys())
        assert obj['event'] == int(event.get_code())
        assert obj['source'] == 4
        assert obj['id'] == event.get_id()
        assert meta['name'] == event.get_name()
        assert meta['type'] == 'QnetFile'
        assert meta['time'].endswith('Z')
        assert isinstance(meta['mono_us'], int) and meta['mono_us'] > 0
        assert meta['pid'] > 0
        # And the record writes the very same line again.
        assert event.to_json() == line

    opened = events[1]
    assert opened.lookup('flags').get_int64() & int(Qnet.FileOpenFlags.WRITE)
    assert opened.lookup('filename').get_string().endswith(os.path.basename(
        opened.get_label()))
