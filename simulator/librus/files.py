"""Attachment files of the simulated world and the two ways Librus hands them out.

What is confirmed (librus-synergia 0.3.29, live checks 2026-10-07/09): a message
attachment is `wiadomosci …/api/attachments/<att>/messages/<msg>` → a
`sandbox.librus.pl/GetFile/<key>` link, an HTML waiting page, and `<link>/get` with
the file once it is ready; a homework file is Synergia's `homework/downloadFile/<id>`,
a redirect to `sandbox.librus.pl/index.php?action=CSTryToDownload&singleUseKey=…`,
then `CSCheckKey` (POST, `status` `not_downloaded_yet` → `ready`, or
`download_failed` for a key that will never work) and `CSDownload`. Neither marks
anything read. Assumed: the sizes and the waits (the first download of a homework
file was seen to take over 30 s, up to about two minutes), and a failed key's answer
for a file that fails more than once in a row.

A file not registered in `World.files` (the generator's) is served with a size and
type derived from its id and name, so every listed attachment can be downloaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

TYPES = {
    "pdf": ("application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04\x14\x00\x06\x00",
    ),
}
OTHER = ("application/octet-stream", b"")
# The generator's attachments, by id: a file name per kind of document a school sends.
MESSAGE_NAMES = ("regulamin.pdf", "zgoda_wycieczka.docx", "plan_wycieczki.pdf")
HOMEWORK_NAMES = ("karta_pracy.pdf", "zdjecie_tablicy.jpg", "zadania.docx")


@dataclass
class SimFile:
    """One attachment: what it is, and how hard the sandbox makes it to get."""

    name: str
    size: int
    #: homework: single-use keys answered `download_failed` before one works
    failing_keys: int = 0
    #: checks answered "not ready yet" before a key (or a GetFile link) is ready
    waits: int = 0
    downloads: int = 0

    @property
    def content_type(self) -> str:
        return TYPES.get(self.name.rsplit(".", 1)[-1].lower(), OTHER)[0]

    def content(self) -> bytes:
        """The file's bytes: its type's magic header, then a filler, `size` in all."""
        head = TYPES.get(self.name.rsplit(".", 1)[-1].lower(), OTHER)[1]
        filler = b"Dzwonek simulated attachment. "
        body = head + filler * ((self.size - len(head)) // len(filler) + 1)
        return body[: self.size]


def default_file(file_id: str, name: str) -> SimFile:
    """A generated attachment: 20 kB to about 2 MB, the same for the same id."""
    digest = int.from_bytes(hashlib.blake2b(file_id.encode(), digest_size=4).digest(), "big")
    return SimFile(name=name, size=20_000 + digest % 2_000_000)


def generated_name(names: tuple[str, ...], file_id: int) -> str:
    return names[file_id % len(names)]


@dataclass
class SandboxKey:
    """A download link or single-use key handed out for one file."""

    login: str
    file_id: str
    name: str
    failing: bool = False
    checks: int = 0
