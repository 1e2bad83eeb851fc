"""Writing files without losing any: every stratlab writer goes through here.

:func:`check_target` runs before any work starts and refuses an output path that cannot or may
not be written: a directory, a parent that is not a writable directory, an existing file that
stratlab did not write (it is never replaced), or an existing result when ``force`` is not
given. :func:`atomic_write` then writes to a temporary file beside the target, flushes and
fsyncs it, and renames it over the target in one step (``os.replace``), so a process killed at
any moment leaves either the previous complete file or the new complete file — never a partial
or empty one. The temporary file is removed if the write fails or is interrupted.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path


class OutputError(ValueError):
    """An output path that stratlab refuses to write; the message is one line."""


def _probe(folder: Path) -> str | None:
    """Create ``folder`` if needed and a temporary file in it; None if that works, else why."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = temp_beside(folder / "probe")
        with open(probe, "xb"):
            pass
        probe.unlink()
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def check_target(path: Path, *, force: bool, is_ours: Callable[[Path], bool], what: str = "--out",
                 folder: bool = False) -> None:
    """Refuse, with an :class:`OutputError`, a target that must not or cannot be written.

    The target's folder is created if missing, and a temporary file is created and removed in
    it, so a path that cannot be written is refused before any work starts.

    ``is_ours(path)`` says whether an existing file is one stratlab wrote (a result, a report, a
    catalog); any other existing file is never replaced, even with ``force``. ``folder`` names
    ``path``'s folder in messages (``--out`` of ``run``/``report`` is a folder).
    """
    shown = path.parent if folder else path
    if folder and path.parent.exists() and not path.parent.is_dir():
        raise OutputError(f"{what} {path.parent}: exists and is not a directory")
    if path.is_dir():
        raise OutputError(f"{what} {path}: is a directory (expected a file path)")
    if path.exists() or path.is_symlink():
        if path.is_symlink() or not path.is_file():
            raise OutputError(f"{what} {path}: exists and is not a regular file; not replaced")
        if not is_ours(path):
            raise OutputError(f"{what} {path}: exists and was not written by stratlab; not replaced "
                              "(choose another path)")
        if not force:
            raise OutputError(f"{what} {path}: exists; pass --force to replace it")
    if (why := _probe(path.parent)) is not None:
        raise OutputError(f"{what} {shown}: cannot write there ({why})")


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a directory be opened
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def temp_beside(path: Path) -> Path:
    """A fresh, unused temporary path in ``path``'s folder (hidden, ends ``.tmp``)."""
    return path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def atomic_write(path: Path, content: bytes | str | Callable[[Path], None], *,
                 mode: int | None = None) -> Path:
    """Write ``content`` (bytes, UTF-8 text, or a function that writes the file at the path it
    is given) to ``path`` atomically; ``mode`` sets the file's permission bits. Returns ``path``."""
    tmp = temp_beside(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(tmp)
        else:
            data = content.encode("utf-8") if isinstance(content, str) else content
            with open(tmp, "xb") as fh:
                fh.write(data)
        with open(tmp, "rb+") as fh:
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return path


__all__ = ["OutputError", "atomic_write", "check_target", "temp_beside"]
