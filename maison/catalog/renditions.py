"""The sizes a page picks from, made once per photograph by the task worker.

Pillow directly, rather than easy-thumbnails, sorl-thumbnail or django-imagekit:
those make a size when a page first asks for it, which is the very work a
shopper's request must never do here, and their caches of generated names are
one more thing to keep. The store needs a few fixed widths, made at upload by
the worker and listed on the picture's row; that is a loop over Pillow's
`resize` and `save`, and Pillow is needed anyway to check uploads.

WebP at every width for `srcset`, and one JPEG for the browsers without WebP.
AVIF would save a further fifth but costs about a second of CPU per picture on
these machines; it is left out. Every file is named by a hash of its bytes, so
it can be cached forever (see docs/operations.md) and a remade picture never
shows an old one.
"""

import hashlib
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

# Method 2, not libwebp's default 4: measured here on a 640-pixel picture, 4
# takes two and a half times the CPU for files 5 % smaller.
WEBP = {"quality": 80, "method": 2}
JPEG = {"quality": 82, "optimize": True, "progressive": True}
# The JPEG is the `<img src>` of browsers without WebP: one middling width.
FALLBACK_WIDTH = 640


def widths_for(original_width: int) -> list[int]:
    """The configured widths the original can fill, and its own when it is narrower.

    Never enlarged: an 800-pixel original gets 320, 640 and 800.
    """
    configured = sorted(settings.MAISON_IMAGE_WIDTHS)
    widest = min(original_width, configured[-1])
    return [*(w for w in configured if w < widest), widest]


def make(original: bytes) -> list[dict]:
    """Every rendition of `original`, stored, as the rows' `renditions` list."""
    with Image.open(io.BytesIO(original)) as opened:
        picture = opened.convert("RGB") if opened.mode not in ("RGB", "RGBA") else opened.copy()
        # The colour profile goes with every rendition: a photograph in Adobe RGB
        # would otherwise show dull.
        profile = {"icc_profile": icc} if (icc := opened.info.get("icc_profile")) else {}
    made = []
    widths = widths_for(picture.width)
    for width in widths:
        made.append(_store(_resized(picture, width), "webp", WEBP | profile))
    fallback = max([w for w in widths if w <= FALLBACK_WIDTH] or widths[:1])
    made.append(_store(_flat(_resized(picture, fallback)), "jpg", JPEG | profile))
    return made


def _resized(picture: Image.Image, width: int) -> Image.Image:
    if width == picture.width:
        return picture
    height = max(1, round(picture.height * width / picture.width))
    # reducing_gap: shrink by whole factors first, then Lanczos; as sharp, several times faster.
    return picture.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _flat(picture: Image.Image) -> Image.Image:
    """On the page's paper colour: JPEG has no transparency."""
    if picture.mode != "RGBA":
        return picture
    paper = Image.new("RGB", picture.size, "#fbf8f3")
    paper.paste(picture, mask=picture.getchannel("A"))
    return paper


def _store(picture: Image.Image, extension: str, options: dict) -> dict:
    content = io.BytesIO()
    picture.save(content, "WEBP" if extension == "webp" else "JPEG", **options)
    data = content.getvalue()
    name = f"products/r/{hashlib.sha256(data).hexdigest()[:20]}.{extension}"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return {
        "format": "webp" if extension == "webp" else "jpeg",
        "width": picture.width,
        "height": picture.height,
        "name": name,
    }
