"""Renders printable ASCII with Pillow's built-in bitmap font into testkit/src/glyphs.rs (rows as
bit masks), so `precheck ... --annotate` can write prompt text without shipping a font file.
Run: python3 scripts/fonts/gen_glyphs.py > testkit/src/glyphs.rs (needs Pillow)."""
from PIL import Image, ImageDraw, ImageFont

font = ImageFont.load_default()
chars = [chr(c) for c in range(32, 127)]
# Measure a common cell.
w = max(font.getbbox(c)[2] for c in chars)
top = min(font.getbbox(c)[1] for c in chars if c.strip())
bottom = max(font.getbbox(c)[3] for c in chars)
h = bottom - top
print("//! A bitmap font for annotations: printable ASCII rendered from Pillow's built-in font by")
print("//! `scripts/fonts/gen_glyphs.py` (generated; do not edit).")
print()
print(f"pub const GLYPH_WIDTH: u32 = {w};")
print(f"pub const GLYPH_HEIGHT: u32 = {h};")
print()
print("/// Rows of each glyph from ' ' (32) to '~' (126), bit x set = pixel on (bit 0 = left).")
print(f"pub const GLYPHS: [[u16; {h}]; 95] = [")
for c in chars:
    img = Image.new("1", (w, bottom), 0)
    ImageDraw.Draw(img).text((0, 0), c, font=font, fill=1)
    rows = []
    for y in range(top, bottom):
        bits = 0
        for x in range(w):
            if img.getpixel((x, y)):
                bits |= 1 << x
        rows.append(bits)
    print("    [" + ", ".join(str(r) for r in rows) + f"], // {c!r}")
print("];")
