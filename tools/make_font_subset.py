#!/usr/bin/env python3
"""Cut the bundled CJK font: Noto Sans CJK SC (face 2 of Debian's NotoSansCJK-Regular.ttc)
subset to GB 2312 + Big5 level-1 (常用字) + ASCII/Latin-1 + CJK and general punctuation,
letterlike symbols, arrows, enclosed numbers, box drawing, shapes and dingbats.

    apt-get install fonts-noto-cjk && pip install fonttools
    python3 tools/make_font_subset.py
"""
import subprocess
import sys
from pathlib import Path

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE_SC = 2
OUT = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSansSC-Subset.otf"


def double_byte_chars(codec, lead_range, trail_ranges):
    chars = set()
    for lead in lead_range:
        for trail_lo, trail_hi in trail_ranges:
            for trail in range(trail_lo, trail_hi + 1):
                try:
                    chars.add(bytes([lead, trail]).decode(codec))
                except UnicodeDecodeError:
                    pass
    return chars


def main():
    chars = set()
    # GB 2312: rows 0xA1-0xF7, cells 0xA1-0xFE (symbols, level-1 and level-2 hanzi).
    chars |= double_byte_chars("gb2312", range(0xA1, 0xF8), [(0xA1, 0xFE)])
    # Big5: symbols (0xA1-0xA3) and level-1 常用字 (0xA4-0xC6).
    chars |= double_byte_chars("big5", range(0xA1, 0xC7), [(0x40, 0x7E), (0xA1, 0xFE)])
    chars |= {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0xA0, 0x100)}
    for lo, hi in [(0x2000, 0x206F), (0x2100, 0x21FF), (0x2460, 0x24FF), (0x2500, 0x27BF),
                   (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
        chars |= {chr(c) for c in range(lo, hi + 1)}
    text = "".join(sorted(chars))
    unicodes = ",".join(f"U+{ord(c):04X}" for c in text)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable, "-m", "fontTools.subset", SOURCE,
            f"--font-number={FACE_SC}",
            f"--unicodes={unicodes}",
            "--layout-features=",
            "--no-hinting",
            "--desubroutinize",
            "--name-IDs=*",
            f"--output-file={OUT}",
        ],
        check=True,
    )
    print(f"{len(chars)} code points -> {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
