"""A deleted or replaced photograph's files are deleted, once no picture uses them.

Files are kept by the file system storage in a directory of each test's own.
"""

import pytest
from django.db import transaction
from django.urls import reverse
from PIL import Image

from maison.catalog import services
from maison.catalog.models import ProductImage

from .test_pictures import add, change_form, encoded, halves, upload


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def kept(media) -> set[str]:
    return {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()}


@pytest.fixture
def coat(store, media):
    from tests import factories

    coat = factories.product(name="Double-breasted wool coat")
    factories.variant(of=coat, colour="Camel", size="M")
    return coat


def photographed(coat, picture, commits):
    with commits(execute=True):
        image = add(coat, picture)
    image.refresh_from_db()
    return image


def files(image) -> set[str]:
    return {image.original.name} | {r["name"] for r in image.renditions}


def test_a_deleted_photograph_loses_its_original_and_renditions_once_committed(
    coat, media, django_capture_on_commit_callbacks
):
    image = photographed(coat, halves(700, 910), django_capture_on_commit_callbacks)
    # The original and 320, 640, 700 in WebP, 640 in JPEG.
    assert len(files(image)) == 5 and kept(media) == files(image)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
        assert kept(media) == files(image)  # not before the commit
    assert kept(media) == set()


def test_a_file_two_pictures_share_stays_until_the_last_one_goes(
    coat, media, django_capture_on_commit_callbacks
):
    first = photographed(coat, halves(700, 910), django_capture_on_commit_callbacks)
    again = photographed(coat, halves(700, 910), django_capture_on_commit_callbacks)
    other = photographed(coat, halves(500, 650), django_capture_on_commit_callbacks)
    assert files(first) == files(again)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert kept(media) == files(again) | files(other)
    with django_capture_on_commit_callbacks(execute=True):
        again.delete()
    assert kept(media) == files(other)


def test_a_deletion_rolled_back_keeps_the_files(coat, media, django_capture_on_commit_callbacks):
    image = photographed(coat, halves(700, 910), django_capture_on_commit_callbacks)
    row = ProductImage.objects.get(pk=image.pk)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        row.delete()
        raise RuntimeError("the product page failed to save")
    assert callbacks == []
    assert ProductImage.objects.filter(pk=image.pk).exists()
    assert kept(media) == files(image)


def test_a_deleted_product_loses_its_photographs_files(
    coat, media, django_capture_on_commit_callbacks
):
    photographed(coat, halves(700, 910), django_capture_on_commit_callbacks)
    photographed(coat, halves(500, 650), django_capture_on_commit_callbacks)
    coat.variants.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        coat.delete()
    assert kept(media) == set()


def test_staff_replacing_a_photograph_delete_the_old_files_and_keep_the_new(
    client, coat, media, django_user_model, django_capture_on_commit_callbacks
):
    old = photographed(coat, halves(700, 910), django_capture_on_commit_callbacks)
    shared = photographed(coat, halves(700, 910), django_capture_on_commit_callbacks)
    client.force_login(django_user_model.objects.create_superuser("lea@orvane.example", "x-9-Y"))
    data = change_form(client, coat)
    first_row = next(k for k, v in data.items() if k.endswith("-id") and v == str(old.pk))
    prefix = first_row.removesuffix("-id")
    data[f"{prefix}-original"] = upload(
        encoded(Image.new("RGB", (600, 780), (40, 120, 60)), "PNG"), "green.png", "image/png"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:catalog_product_change", args=[coat.pk]), data)
    assert response.status_code == 302, response.content.decode()
    replaced = ProductImage.objects.get(pk=old.pk)
    assert replaced.original.name != old.original.name and replaced.renditions
    # The other picture of the same photograph still uses the old files: they stay.
    assert kept(media) == files(replaced) | files(shared)

    data = change_form(client, coat)
    second_row = next(k for k, v in data.items() if k.endswith("-id") and v == str(shared.pk))
    data[second_row.removesuffix("-id") + "-DELETE"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:catalog_product_change", args=[coat.pk]), data)
    assert response.status_code == 302, response.content.decode()
    assert kept(media) == files(replaced)


def test_renditions_made_for_a_picture_replaced_meanwhile_are_not_left_behind(
    coat, media, django_capture_on_commit_callbacks, monkeypatch
):
    image = add(coat, halves(700, 910))  # its task not run yet
    first_original = image.original.name
    real_make = services.renditions.make

    def replaced_while_resizing(original):
        made = real_make(original)
        with django_capture_on_commit_callbacks(execute=True):
            ProductImage.objects.filter(pk=image.pk).update(original="products/elsewhere.png")
        return made

    monkeypatch.setattr(services.renditions, "make", replaced_while_resizing)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.make_renditions(image.pk) is None
    assert kept(media) == {first_original}
