"""What a photograph must be before the store keeps it, and what it keeps of it.

The file is decoded by Pillow, never trusted by its name or its declared type:
only what decodes as JPEG, PNG or WebP is accepted, whatever it is called. The
size is bounded twice: in bytes before decoding, and in pixels from the header
before the pixels are decompressed, so that a small file claiming 50,000 ×
50,000 pixels (a decompression bomb: a few kilobytes that would fill gigabytes
of memory) is refused with a message instead of taking the server down.

What is kept is the picture turned upright (the camera's EXIF orientation
applied to the pixels) and saved again without its EXIF metadata: a phone's
photograph carries where it was taken (GPS), when, and with what, none of which
a shopper should download with a product picture.
"""

import hashlib
import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

# Where originals are kept (ProductImage.original's upload_to).
FOLDER = "products/"

# Pillow's format: the extension the kept file gets, and how it is saved again.
FORMATS = {
    "JPEG": ("jpg", {"quality": 92}),
    "PNG": ("png", {}),
    "WEBP": ("webp", {"quality": 92}),
}


@dataclass(frozen=True)
class CheckedImage:
    content: bytes
    format: str
    width: int
    height: int

    @property
    def name(self) -> str:
        """Named by its content: the same picture uploaded twice is one file, cached forever."""
        digest = hashlib.sha256(self.content).hexdigest()[:20]
        return f"{digest}.{FORMATS[self.format][0]}"

    def to_keep(self) -> ContentFile | str:
        """The file to store, or the name of the same picture kept already: one file per content."""
        kept = FOLDER + self.name
        if default_storage.exists(kept):
            return kept
        return ContentFile(self.content, name=self.name)


def check(upload) -> CheckedImage:
    """The upload as the store keeps it, or a ValidationError saying why it is refused."""
    limit = settings.MAISON_IMAGE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; photographs up to %(limit)s are accepted.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings(), _whole_files_only():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(upload, formats=list(FORMATS))
            _refuse_too_many_pixels(*picture.size)
            picture.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard, should its limit be the lower one.
        raise _too_many_pixels() from None
    except UnidentifiedImageError:
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP image."), code="not_an_image"
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("This image is damaged or incomplete; export it again and upload the new file."),
            code="damaged",
        ) from None
    image_format = picture.format
    upright = ImageOps.exif_transpose(picture)
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    content = io.BytesIO()
    # Only the colour profile goes with it: no EXIF, no XMP, no comment.
    options = dict(FORMATS[image_format][1])
    if icc := picture.info.get("icc_profile"):
        options["icc_profile"] = icc
    upright.save(content, image_format, **options)
    return CheckedImage(content.getvalue(), image_format, *upright.size)


@contextmanager
def _whole_files_only():
    """A cut-off upload is refused, never completed with grey.

    WeasyPrint, imported for the invoices, tells Pillow to load truncated images
    for the whole process; an upload is checked with Pillow's default again.
    """
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _refuse_too_many_pixels(width: int, height: int) -> None:
    if width * height > settings.MAISON_IMAGE_MAX_PIXELS:
        raise _too_many_pixels(width, height)


def _too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    limit = settings.MAISON_IMAGE_MAX_PIXELS / 1_000_000
    if width is None:
        message = _("This image has too many pixels; up to %(limit)g megapixels are accepted.")
    else:
        message = _(
            "This image is %(width)s × %(height)s pixels; up to %(limit)g megapixels are "
            "accepted. Export it smaller and upload it again."
        )
    return ValidationError(
        message % {"width": width, "height": height, "limit": limit}, code="too_many_pixels"
    )
