"""Typed settings: every value chiso takes from a flag, the environment or
the sources file, with what it allows.

Each kind of value is one pydantic type, used the same way wherever the
value comes from, so ``--lock-timeout abc``, ``CHISO_LOCK_TIMEOUT=abc`` and
``per_host_delay = nan`` are refused alike, with the value and what is
allowed.  No Prefect here: the command line checks values before it starts
anything.
"""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

DEFAULT_LOCK_TIMEOUT = 60.0
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_WRITE_MEMORY = "64MB"

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# DuckDB's memory_limit units (it also reads plain bytes)
_MEMORY = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)?", re.IGNORECASE)


def _no_control_characters(text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError("control characters (CR, LF, tab, ...) are not allowed")
    return text


def _memory_size(text: str) -> str:
    if not _MEMORY.fullmatch(text.strip()):
        raise ValueError("not a memory size")
    return text.strip()


Seconds = Annotated[float, Field(ge=0, allow_inf_nan=False)]
PositiveSeconds = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=1)]
Fraction = Annotated[float, Field(ge=0, allow_inf_nan=False)]
HeaderText = Annotated[str, AfterValidator(_no_control_characters)]
MemorySize = Annotated[str, AfterValidator(_memory_size)]


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of value: its type, and what it allows, in words."""

    annotation: Any
    allowed: str

    def check(self, value: Any) -> Any:
        return TypeAdapter(self.annotation).validate_python(value)


SECONDS = Kind(Seconds, "a number of seconds, 0 or more")
POSITIVE_SECONDS = Kind(PositiveSeconds, "a number of seconds greater than 0")
COUNT = Kind(Count, "a whole number, 1 or more")
BYTES = Kind(Count, "a number of bytes, 1 or more")
FRACTION = Kind(Fraction, "a number, 0 or more (an F1 of 1.0 is perfect)")
WIDTH = Kind(Annotated[int, Field(ge=0)], "a number of columns, 0 or more (0: no limit)")
HEADER = Kind(HeaderText, "text without control characters (no CR, LF or tab)")
MEMORY = Kind(MemorySize, "a memory size such as 64MB, 1GB or 512MiB")
SWITCH = Kind(bool, "1 or 0 (also true/false, yes/no)")


def arg(kind: Kind):
    """An argparse ``type`` that refuses what ``kind`` does not allow; argparse
    prints the option, the value and the reason, and exits with status 2."""

    def parse(text: str):
        try:
            return kind.check(text)
        except ValidationError:
            raise argparse.ArgumentTypeError(f"{text!r} is not allowed: use {kind.allowed}") from None

    parse.__name__ = kind.allowed  # argparse names the type in some of its messages
    return parse


class SettingError(ValueError):
    """A value from the environment that chiso cannot use; says which and why."""


class Environment(BaseModel):
    """The CHISO_* variables, typed (unset ones take their defaults)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    lock_timeout: Seconds = Field(DEFAULT_LOCK_TIMEOUT, alias="CHISO_LOCK_TIMEOUT")
    max_bytes: Count = Field(DEFAULT_MAX_BYTES, alias="CHISO_MAX_BYTES")
    write_memory: MemorySize = Field(DEFAULT_WRITE_MEMORY, alias="CHISO_WRITE_MEMORY")
    user_agent: HeaderText | None = Field(None, alias="CHISO_USER_AGENT")
    allow_private_addresses: bool = Field(False, alias="CHISO_ALLOW_PRIVATE_ADDRESSES")


_ENV_KINDS = {
    "CHISO_LOCK_TIMEOUT": SECONDS,
    "CHISO_MAX_BYTES": BYTES,
    "CHISO_WRITE_MEMORY": MEMORY,
    "CHISO_USER_AGENT": HEADER,
    "CHISO_ALLOW_PRIVATE_ADDRESSES": SWITCH,
}


def environment(environ: dict[str, str] | None = None) -> Environment:
    """The CHISO_* variables of ``environ`` (default: this process's); an
    empty variable counts as unset."""
    environ = os.environ if environ is None else environ
    values = {name: environ[name] for name in _ENV_KINDS if environ.get(name, "") != ""}
    try:
        return Environment.model_validate(values)
    except ValidationError as exc:
        name = str(exc.errors()[0]["loc"][0])
        raise SettingError(
            f"{name}={values[name]!r} is not allowed: use {_ENV_KINDS[name].allowed}"
        ) from None


def model_errors(exc: ValidationError, allowed: dict[str, str]) -> str:
    """A pydantic error as a person reads it: the field, its value, what is
    allowed (from ``allowed``, by field name)."""
    parts = []
    for error in exc.errors():
        loc = [str(p) for p in error["loc"]]
        field = next((p for p in reversed(loc) if not p.isdigit()), loc[-1] if loc else "")
        if error["type"] == "extra_forbidden":
            known = ", ".join(sorted(allowed))
            parts.append(f"unknown key {field} (allowed: {known})")
        elif error["type"] == "missing":
            parts.append(f"{field} is missing: {allowed.get(field, 'required')}")
        else:
            parts.append(f"{field} = {error['input']!r} is not allowed: {allowed.get(field, error['msg'])}")
    return "; ".join(dict.fromkeys(parts))
