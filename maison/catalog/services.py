"""Writes to the catalogue's photographs: kept at upload, their renditions made by the worker."""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core.files import File
from django.db import transaction

from maison import clock

from . import photo_files, renditions, uploads, versions
from .models import Product, ProductImage


@dataclass(frozen=True)
class NewPicture:
    upload: File
    alt_en: str
    alt_fr: str
    colour: str = ""
    position: int = 0


def add_pictures(product: Product, pictures: list[NewPicture]) -> list[ProductImage]:
    """Photographs checked and kept, their renditions queued: the path of every upload.

    The back office's form runs the same check (`uploads.check`) and then
    `picture_changed`; the demo's drawings come through here, a product's
    pictures at once. Any refused picture refuses them all (ValidationError).
    """
    images = []
    for picture in pictures:
        checked = uploads.check(picture.upload)
        images.append(
            ProductImage(
                product=product,
                colour=picture.colour,
                position=picture.position,
                alt_en=picture.alt_en,
                alt_fr=picture.alt_fr,
                original=checked.to_keep(),
                width=checked.width,
                height=checked.height,
            )
        )
    with transaction.atomic():
        ProductImage.objects.bulk_create(images)  # stores each file, as save() would
        versions.catalogue_changed()  # bulk_create sends no post_save to the page cache
        for image in images:
            picture_changed(image)
    return images


def add_picture(product: Product, upload: File, **details) -> ProductImage:
    return add_pictures(product, [NewPicture(upload, **details)])[0]


def picture_changed(image: ProductImage) -> None:
    """Queue the renditions of a new or replaced original, once its row is committed."""
    from .tasks import make_renditions

    transaction.on_commit(partial(make_renditions.enqueue, image.pk), robust=True)


def make_renditions(image_id: int) -> int | None:
    """Make and record the renditions of one picture; how many, or None if it is gone.

    The original is read and resized with no transaction open (on S3 it is a
    network call); the row is then locked only to record the result, and only
    if its original is still the one resized: a picture replaced meanwhile has
    its own task queued.
    """
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None:
        return None
    name = image.original.name
    with image.original.open("rb") as original:
        made = renditions.make(original.read())
    with transaction.atomic():
        current = ProductImage.objects.select_for_update().filter(pk=image_id).first()
        if current is None or current.original.name != name:
            # Made for a picture since deleted or replaced: its files go unless shared.
            photo_files.let_go({rendition["name"] for rendition in made})
            return None
        current.renditions = made
        current.save(update_fields=["renditions"])
    return len(made)


# Longer than the worker takes to clear a full demo's queue: a picture younger
# than this may still have its task waiting.
LOST_AFTER = timedelta(minutes=15)


def queue_missing_renditions() -> int:
    """Pictures a lost task left without renditions are queued again; how many."""
    from .tasks import make_renditions

    waiting = list(
        ProductImage.objects.filter(
            renditions=[], uploaded_at__lt=clock.now() - LOST_AFTER
        ).values_list("pk", flat=True)
    )
    for image_id in waiting:
        make_renditions.enqueue(image_id)
    return len(waiting)
