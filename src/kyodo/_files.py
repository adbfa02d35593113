"""Writing files so that a failed write never costs the user the file they had.

Every file kyodo writes (``kyodo.dump``, ``kyodo report --output``, charts)
goes through :func:`write_text` or :func:`write_bytes`. The whole content is
ready, as bytes, before anything is opened: an encoding error never touches
the disk. The bytes go to a new file in the target's folder, are flushed to
the disk, and only then take the target's place in one step
(``os.replace``). A failure at any point removes the new file and leaves the
old one as it was, and is raised as a :class:`~kyodo.errors.KyodoError` that
names the file and says why.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as folder:
...     target = write_text(Path(folder) / "plan.toml", "title = '新潟'\\n")
...     target.read_text(encoding="utf-8"), sorted(p.name for p in Path(folder).iterdir())
("title = '新潟'\\n", ['plan.toml'])
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from kyodo.errors import KyodoError

__all__ = ["write_bytes", "write_text"]

#: How many names a new file tries before giving up: each is random, so a clash is all but impossible.
_ATTEMPTS = 100


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` to ``path`` as UTF-8, replacing the file only once the new one is whole; return the path.

    >>> write_text("never-written.txt", "\\ud800")
    Traceback (most recent call last):
    ...
    kyodo.errors.KyodoError: cannot write 'never-written.txt': the text holds '\\ud800' (line 1, column 1), which UTF-8 cannot store
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        before = text[: error.start]
        line = before.count("\n") + 1
        column = error.start - (before.rfind("\n") + 1) + 1
        raise _cannot(
            path, f"the text holds {text[error.start]!r} (line {line}, column {column}), which UTF-8 cannot store"
        ) from error
    return write_bytes(path, data)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path``, replacing the file only once the new one is whole; return the path.

    The new file keeps the old one's permission bits (a new one gets the
    usual ones under the umask), and a symbolic link is written through, so
    the link stays a link.
    """
    given = Path(path)
    # Replacing a symbolic link would turn it into a plain file; the user meant the file it points at.
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise _cannot(given, _why(error)) from error
    temporary, descriptor = _create_beside(given, target)
    try:
        with os.fdopen(descriptor, "wb") as file:
            if mode is not None:
                os.chmod(temporary, mode)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _cannot(given, _why(error)) from error
        raise
    _sync_folder(target.parent)
    return given


def _create_beside(given: Path, target: Path) -> tuple[Path, int]:
    """A new, empty file in ``target``'s folder, open for writing.

    Not tempfile's: its files are 0600 whatever the umask, and a new file
    would keep that. Mode 0666 lets the umask decide, as for any new file.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(_ATTEMPTS):
        temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
        try:
            return temporary, os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise _cannot(given, _why(error)) from error
    raise _cannot(given, "no free name for a temporary file beside it")  # pragma: no cover - 2**48 names each time


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the new file, where the system allows it; the write has succeeded either way."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _why(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def _cannot(path: str | os.PathLike[str], reason: str) -> KyodoError:
    return KyodoError(f"cannot write {os.fspath(path)!r}: {reason}")
