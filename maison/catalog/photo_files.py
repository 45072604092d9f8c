"""A photograph's files go when no picture uses them any more.

An original and its renditions are named by their content (`uploads`,
`renditions`), so two pictures of the same photograph share one set of files:
a file is deleted only once no `ProductImage` row still names it, as its
original or among its renditions. The check and the deletion wait for the
commit: a rolled-back deletion or replacement must find its files in place,
and the rows then read are the ones every later request sees.

Receivers on the catalogue's own model, not a service: every path that drops
a row or changes its file must let go of the old files, and a product deleted
with its pictures (the cascade) calls no service of ours.

Left open: an upload that finds the same photograph kept already reuses its
file (`CheckedImage.to_keep`); if it commits just after the last other row
using that file was deleted, the file may be gone under it. Uploading the
picture again keeps it anew.
"""

from functools import partial

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save

from .models import ProductImage

FILE_FIELDS = {"original", "renditions"}


def files_of(image: ProductImage) -> set[str]:
    """The names of the original and every rendition of a picture."""
    names = {r["name"] for r in image.renditions or [] if r.get("name")}
    if image.original.name:
        names.add(image.original.name)
    return names


def let_go(names: set[str]) -> None:
    """Delete these files once the transaction commits, those no picture uses by then."""
    if names:
        transaction.on_commit(partial(delete_unused, frozenset(names)), robust=True)


def still_used(names: set[str]) -> set[str]:
    """Which of these names a picture still uses, as its original or a rendition."""
    # A rendition is found by its name in the list's JSON text: `icontains` on a
    # JSONField works on every database, and a name is a 20-hex digest, so a
    # match that is not the name itself cannot happen in practice; were it to,
    # the file would be kept, never wrongly deleted.
    wanted = Q(original__in=names)
    for name in names:
        wanted |= Q(renditions__icontains=name)
    used = set()
    for original, made in ProductImage.objects.filter(wanted).values_list("original", "renditions"):
        used.add(original)
        used.update(r.get("name") for r in made or [])
    return used & set(names)


def delete_unused(names: frozenset[str]) -> list[str]:
    """Delete the files of `names` no picture uses; the names deleted."""
    gone = sorted(set(names) - still_used(set(names)))
    for name in gone:
        default_storage.delete(name)
    return gone


def _remember_stored_files(sender, instance: ProductImage, update_fields=None, **kwargs):
    if instance.pk is None or (update_fields is not None and not FILE_FIELDS & set(update_fields)):
        return
    stored = ProductImage.objects.filter(pk=instance.pk).values("original", "renditions").first()
    if stored is not None:
        instance._stored_files = files_of(ProductImage(**stored))


def _let_go_of_replaced_files(sender, instance: ProductImage, **kwargs):
    stored = instance.__dict__.pop("_stored_files", None)
    if stored:
        let_go(stored - files_of(instance))


def _let_go_of_deleted_files(sender, instance: ProductImage, **kwargs):
    let_go(files_of(instance))


def watch_photographs() -> None:
    uid = "maison.catalog.photo_files"
    pre_save.connect(_remember_stored_files, sender=ProductImage, dispatch_uid=uid)
    post_save.connect(_let_go_of_replaced_files, sender=ProductImage, dispatch_uid=uid)
    post_delete.connect(_let_go_of_deleted_files, sender=ProductImage, dispatch_uid=uid)
