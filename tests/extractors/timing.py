"""CPU time of one call, for the growth tests.

The collector is run first and kept off during the call: a suite that has
built a large heap by then pays for walking it at every collection the call
triggers, a cost of the heap and not of the code measured, which made the
largest size of a growth family look superlinear on a busy run."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def cpu_seconds(call: Callable[[], object]) -> float:
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        call()
        return time.process_time() - started
    finally:
        if was_enabled:
            gc.enable()
