"""Compile the interface's translations: pipeline/locale/*/LC_MESSAGES/gongkai.po -> gongkai.mo.

    python scripts/build_locale.py          # after editing a .po; the .mo is committed beside it

Reads the subset of the PO format the catalog uses (msgid, msgid_plural, msgstr, msgstr[N], strings
continued on following lines, comments) and writes the GNU MO file that Python's gettext reads.
tests/test_i18n.py checks that the committed .mo is the one this script makes from the .po.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_po(text: str) -> dict[str, str]:
    """msgid (with msgid_plural joined by NUL) -> msgstr (plural forms joined by NUL)."""
    messages: dict[str, str] = {}
    entry: dict[str, list[str]] = {}
    key = None

    def flush() -> None:
        if "msgid" in entry:
            msgid = "".join(entry["msgid"])
            if "msgid_plural" in entry:
                msgid += "\0" + "".join(entry["msgid_plural"])
            forms = sorted(k for k in entry if k.startswith("msgstr"))
            msgstr = "\0".join("".join(entry[k]) for k in forms)
            if msgstr.replace("\0", "") or not msgid:
                messages[msgid] = msgstr
        entry.clear()

    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            if key is None:
                raise SystemExit(f"line {number}: a continued string with nothing to continue")
            entry[key].append(ast.literal_eval(line))
            continue
        word, _, rest = line.partition(" ")
        if word == "msgid" and "msgid" in entry:
            flush()
        key = word
        entry[key] = [ast.literal_eval(rest)]
    flush()
    return messages


def mo_bytes(messages: dict[str, str]) -> bytes:
    keys = sorted(messages)
    ids = b""
    strs = b""
    offsets = []
    for key in keys:
        k, v = key.encode("utf-8"), messages[key].encode("utf-8")
        offsets.append((len(ids), len(k), len(strs), len(v)))
        ids += k + b"\0"
        strs += v + b"\0"
    start = 7 * 4 + 16 * len(keys)
    table_ids, table_strs = [], []
    for id_offset, id_length, str_offset, str_length in offsets:
        table_ids += [id_length, start + id_offset]
        table_strs += [str_length, start + len(ids) + str_offset]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return (
        header
        + struct.pack(f"{len(table_ids)}i", *table_ids)
        + struct.pack(f"{len(table_strs)}i", *table_strs)
        + ids
        + strs
    )


def main() -> int:
    for po in sorted((ROOT / "pipeline" / "locale").glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        messages = parse_po(po.read_text(encoding="utf-8"))
        mo.write_bytes(mo_bytes(messages))
        print(f"{mo.relative_to(ROOT)}: {len(messages) - 1} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
