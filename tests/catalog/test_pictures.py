"""Product photographs: what an upload must be, what is kept of it, and the renditions made of it.

Every file here is a real image made by Pillow (or a crafted header), never a mock.
"""

import hashlib
import io
import struct
import zlib
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import ExifTags, Image, ImageChops

from maison.catalog import demo_pictures, renditions, services, uploads
from maison.catalog.demo import load_demo
from maison.catalog.models import Product, ProductImage
from maison.scheduler.jobs import JOBS
from tests import factories

RED, BLUE = (220, 30, 30), (30, 30, 220)


def encoded(picture: Image.Image, image_format: str, **options) -> bytes:
    out = io.BytesIO()
    picture.save(out, image_format, **options)
    return out.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def halves(width: int = 40, height: int = 20) -> Image.Image:
    """Red on the left half, blue on the right."""
    picture = Image.new("RGB", (width, height), BLUE)
    picture.paste(RED, (0, 0, width // 2, height))
    return picture


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that says it is width × height and holds almost nothing: a bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_png_named_jpg_is_accepted_as_the_png_it_is():
    data = encoded(halves(), "PNG")
    checked = uploads.check(upload(data, "holiday.jpg", "image/jpeg"))
    assert checked.format == "PNG"
    assert checked.name.endswith(".png")
    assert (checked.width, checked.height) == (40, 20)


def test_a_text_file_named_jpg_is_refused_with_a_message():
    with pytest.raises(ValidationError) as refused:
        uploads.check(upload(b"Not a photograph, only words.\n", "coat.jpg"))
    assert refused.value.messages == ["This file is not a JPEG, PNG or WebP image."]


def test_a_gif_is_refused_though_pillow_could_read_it():
    data = encoded(halves(), "GIF")
    with pytest.raises(ValidationError) as refused:
        uploads.check(upload(data, "coat.gif", "image/gif"))
    assert refused.value.messages == ["This file is not a JPEG, PNG or WebP image."]


def test_a_decompression_bomb_is_refused_before_its_pixels_are_decoded():
    # 50,000 × 50,000 pixels would be 7.5 GB of memory; the file is under 100 bytes.
    data = png_header_only(50_000, 50_000)
    assert len(data) < 100
    with pytest.raises(ValidationError) as refused:
        uploads.check(upload(data, "bomb.png", "image/png"))
    assert refused.value.messages == [
        "This image has too many pixels; up to 40 megapixels are accepted."
    ]


def test_a_picture_over_the_pixel_limit_is_refused_with_its_size():
    # 8,000 × 6,000 is 48 megapixels, over the store's 40 but under Pillow's own guard.
    with pytest.raises(ValidationError) as refused:
        uploads.check(upload(png_header_only(8000, 6000), "poster.png", "image/png"))
    assert refused.value.messages == [
        "This image is 8000 × 6000 pixels; up to 40 megapixels are accepted. "
        "Export it smaller and upload it again."
    ]


def test_a_file_over_the_size_limit_is_refused_before_it_is_decoded(settings):
    settings.MAISON_IMAGE_MAX_BYTES = 1000
    data = encoded(Image.effect_noise((64, 64), 80).convert("RGB"), "PNG")
    assert len(data) > 1000
    with pytest.raises(ValidationError) as refused:
        uploads.check(upload(data, "noise.png", "image/png"))
    size = f"{len(data) / 1024:.1f}\xa0KB"
    assert refused.value.messages == [
        f"This file is {size}; photographs up to 1000\xa0bytes are accepted."
    ]


def test_a_truncated_jpeg_is_refused_as_damaged():
    data = encoded(halves(400, 300), "JPEG")
    with pytest.raises(ValidationError) as refused:
        uploads.check(upload(data[: len(data) // 2]))
    assert "damaged or incomplete" in refused.value.messages[0]


def with_gps_and_orientation(picture: Image.Image, orientation: int) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Phone maker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (48.0, 51.0, 29.0)  # the Louvre's courtyard
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (2.0, 20.0, 9.0)
    return encoded(picture, "JPEG", exif=exif, quality=95)


def test_exif_gps_is_gone_from_the_kept_picture():
    data = with_gps_and_orientation(halves(), orientation=1)
    sent = Image.open(io.BytesIO(data)).getexif()
    assert sent.get_ifd(ExifTags.IFD.GPSInfo)  # the camera's file has it
    kept = Image.open(io.BytesIO(uploads.check(upload(data)).content))
    assert not kept.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert not kept.getexif()
    assert "exif" not in kept.info


def test_the_cameras_orientation_is_applied_to_the_pixels():
    # Orientation 6: the camera was turned; shown upright, the picture is turned
    # a quarter clockwise, so the red left half comes on top.
    data = with_gps_and_orientation(halves(40, 20), orientation=6)
    kept = Image.open(io.BytesIO(uploads.check(upload(data)).content)).convert("RGB")
    assert kept.size == (20, 40)
    top, bottom = kept.getpixel((10, 5)), kept.getpixel((10, 35))
    assert top[0] > 180 and top[2] < 80, top
    assert bottom[2] > 180 and bottom[0] < 80, bottom


@pytest.fixture
def coat(store):
    coat = factories.product(name="Double-breasted wool coat")
    factories.variant(of=coat, colour="Camel", size="M")
    return coat


def add(coat, picture: Image.Image, colour: str = "Camel", **options) -> ProductImage:
    return services.add_picture(
        coat,
        upload(encoded(picture, "PNG"), "coat.png", "image/png"),
        alt_en=options.get("alt_en", "The coat buttoned, from the front"),
        alt_fr=options.get("alt_fr", "Le manteau boutonné, de face"),
        colour=colour,
    )


def stored(name: str) -> bytes:
    with default_storage.open(name) as opened:
        return opened.read()


def test_the_worker_makes_webp_in_every_width_and_one_jpeg(
    coat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = add(coat, halves(1000, 1300))
    image.refresh_from_db()
    made = {(r["format"], r["width"], r["height"]) for r in image.renditions}
    # Never enlarged: 1280 is wider than the original, which gives its own width.
    assert made == {
        ("webp", 320, 416),
        ("webp", 640, 832),
        ("webp", 960, 1248),
        ("webp", 1000, 1300),
        ("jpeg", 640, 832),
    }
    for rendition in image.renditions:
        opened = Image.open(io.BytesIO(stored(rendition["name"])))
        assert opened.format == rendition["format"].upper()
        assert opened.size == (rendition["width"], rendition["height"])


def test_files_are_named_by_their_content(coat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = add(coat, halves(700, 910))
        again = add(coat, halves(700, 910))
    first.refresh_from_db()
    again.refresh_from_db()
    digest = hashlib.sha256(stored(first.original.name)).hexdigest()[:20]
    assert first.original.name == f"products/{digest}.png"
    # The same picture uploaded again is the same file, never a copy with a suffix.
    assert again.original.name == first.original.name
    for rendition in first.renditions:
        data = stored(rendition["name"])
        extension = {"webp": "webp", "jpeg": "jpg"}[rendition["format"]]
        digest = hashlib.sha256(data).hexdigest()[:20]
        assert rendition["name"] == f"products/r/{digest}.{extension}"
    assert [r["name"] for r in again.renditions] == [r["name"] for r in first.renditions]


def test_renditions_wait_for_the_worker_not_for_the_upload(coat):
    # Without the commit, no task ran: the picture is kept and its renditions are owed.
    image = add(coat, halves(700, 910))
    assert image.renditions == []
    assert services.make_renditions(image.pk) == 4  # 320, 640, 700 in WebP, 640 in JPEG
    image.refresh_from_db()
    assert len(image.renditions) == 4


def no_decoding(*args, **kwargs):
    raise AssertionError("a shopper's request decoded an image")


def test_no_shopper_request_decodes_or_resizes_an_image(
    client, store, coat, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add(coat, halves(700, 910))
        add(coat, halves(700, 910).transpose(Image.Transpose.FLIP_LEFT_RIGHT))
    monkeypatch.setattr(Image, "open", no_decoding)
    monkeypatch.setattr(Image.Image, "resize", no_decoding)
    product_page = client.get(coat.get_absolute_url()).content.decode()
    category_page = client.get(coat.category.get_absolute_url()).content.decode()
    assert 'type="image/webp"' in product_page and "320w" in product_page
    assert 'class="second-view"' in category_page


class FormFields(HTMLParser):
    """The values a browser would send back from the admin's change form."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("file", "submit", "checkbox"):
            self.data[name] = attrs.get("value") or ""
        elif tag == "input" and name and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.data[name] = "on"
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def change_form(client, coat) -> dict:
    parser = FormFields()
    page = client.get(reverse("admin:catalog_product_change", args=[coat.pk]))
    parser.feed(page.content.decode())
    return {k: v for k, v in parser.data.items() if "__prefix__" not in k}


@pytest.fixture
def staff_client(client, coat, django_user_model):
    staff = django_user_model.objects.create_superuser("lea@orvane.example", "Linen-coat-42")
    client.force_login(staff)
    return client


def test_staff_upload_a_photograph_with_alt_text_in_both_languages(
    staff_client, coat, django_capture_on_commit_callbacks
):
    data = change_form(staff_client, coat)
    data.update(
        {
            "images-0-alt_en": "The camel coat, from the front",
            "images-0-alt_fr": "Le manteau camel, de face",
            "images-0-colour": "Camel",
            "images-0-position": "1",
            "images-0-original": upload(with_gps_and_orientation(halves(500, 650), 1)),
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:catalog_product_change", args=[coat.pk]), data)
    assert response.status_code == 302, response.content.decode()
    image = ProductImage.objects.get()
    assert (image.alt_en, image.alt_fr, image.colour) == (
        "The camel coat, from the front",
        "Le manteau camel, de face",
        "Camel",
    )
    assert {(r["format"], r["width"]) for r in image.renditions} == {
        ("webp", 320),
        ("webp", 500),
        ("jpeg", 500),
    }
    kept = Image.open(io.BytesIO(stored(image.original.name)))
    assert not kept.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_staff_are_told_why_an_upload_is_refused(staff_client, coat):
    data = change_form(staff_client, coat)
    data.update(
        {
            "images-0-alt_en": "The coat",
            "images-0-alt_fr": "Le manteau",
            "images-0-position": "1",
            "images-0-original": upload(png_header_only(30_000, 20_000), "bomb.png", "image/png"),
        }
    )
    response = staff_client.post(reverse("admin:catalog_product_change", args=[coat.pk]), data)
    assert response.status_code == 200
    assert "This image has too many pixels" in response.content.decode()
    assert not ProductImage.objects.exists()


def test_staff_must_give_the_french_alt_text(staff_client, coat):
    data = change_form(staff_client, coat)
    data.update(
        {
            "images-0-alt_en": "The coat",
            "images-0-position": "1",
            "images-0-original": upload(encoded(halves(), "PNG"), "coat.png", "image/png"),
        }
    )
    response = staff_client.post(reverse("admin:catalog_product_change", args=[coat.pk]), data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not ProductImage.objects.exists()


def photographed(category, count: int, colours=("Camel",)) -> list:
    """`count` products, each photographed front and back in each of its colours."""
    made = []
    for _ in range(count):
        product = factories.product(in_category=category)
        for colour in colours:
            factories.variant(of=product, colour=colour, size="M")
            add(product, halves(64, 84), colour=colour)
            add(product, halves(64, 84).transpose(Image.Transpose.FLIP_LEFT_RIGHT), colour=colour)
        made.append(product)
    return made


def cold_queries(client, url: str) -> tuple[int, str]:
    """The queries of a page rendered afresh (the cache emptied), and the page."""
    cache.clear()
    client.get("/en/")  # the markets and the menu, read once for every page
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_pictures_add_one_query_to_a_category_page_however_many_products(
    client, store, django_capture_on_commit_callbacks
):
    # proves: ORD-1
    few, many = factories.category("Knitwear"), factories.category("Coats")
    with django_capture_on_commit_callbacks(execute=True):
        photographed(few, 2)
        photographed(many, 24)
    small, _ = cold_queries(client, few.get_absolute_url())
    large, page = cold_queries(client, many.get_absolute_url())
    assert page.count('class="second-view"') == 24
    assert small == large
    assert large <= 10  # the page's 9 before photographs, and the photographs' one


def test_pictures_add_one_query_to_a_product_page_however_many_colours(
    client, store, django_capture_on_commit_callbacks
):
    # proves: ORD-1
    category = factories.category("Coats")
    with django_capture_on_commit_callbacks(execute=True):
        (plain,) = photographed(category, 1)
        (rich,) = photographed(category, 1, colours=("Camel", "Navy", "Ecru"))
    one, _ = cold_queries(client, plain.get_absolute_url())
    three, page = cold_queries(client, rich.get_absolute_url())
    assert page.count('type="image/webp"') == 6
    assert one == three


def test_a_new_photograph_shows_on_the_next_request_once_its_renditions_are_made(
    client, store, coat, django_capture_on_commit_callbacks
):
    # proves: PRD-5
    for language in ("en", "fr"):
        for url in (coat.get_absolute_url(), coat.category.get_absolute_url()):
            url = f"/{language}{url[3:]}"
            client.get(url)
            assert 'type="image/webp"' not in client.get(url).content.decode()  # warm, drawn
    image = add(coat, halves(64, 84))  # uploaded; its task not run yet
    assert "image/webp" not in client.get(coat.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.picture_changed(image)  # the worker makes the renditions
    for language in ("en", "fr"):
        product_page = client.get(f"/{language}{coat.get_absolute_url()[3:]}").content.decode()
        alt = {"en": "The coat buttoned, from the front", "fr": "Le manteau boutonné, de face"}
        assert f'alt="{alt[language]}"' in product_page
        listing = client.get(f"/{language}{coat.category.get_absolute_url()[3:]}")
        assert 'type="image/webp"' in listing.content.decode()


def test_photographs_are_served_to_be_kept_a_year(client, coat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = add(coat, halves(64, 84))
    image.refresh_from_db()
    response = client.get(default_storage.url(image.renditions[0]["name"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/media/products/r/no-such-picture.webp").status_code == 404


def drawn_mask(category: str, name: str) -> Image.Image:
    """Where the drawing of `name` in navy is cloth rather than backdrop."""
    data = demo_pictures.draw(
        demo_pictures.shape_for(category, name), "#1f2a44", "poplin", back=False, striped=False
    )
    picture = Image.open(io.BytesIO(data)).convert("L")
    return picture.point(lambda v: 255 if v < 150 else 0)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("knitwear", "Merino crew-neck jumper"), ("coats", "Double-breasted wool coat")),
        (("shirts", "Oxford button-down shirt"), ("knitwear", "Merino crew-neck jumper")),
        (("knitwear", "Mohair cardigan"), ("knitwear", "Merino crew-neck jumper")),
        (("trousers", "Straight-leg chinos"), ("trousers", "Pleated twill shorts")),
        (("shoes", "Leather Derby shoes"), ("shoes", "Suede Chelsea boots")),
        (("accessories", "Ribbed merino beanie"), ("accessories", "Cotton twill cap")),
    ],
)
def test_each_kind_of_product_has_its_own_silhouette(one, other, settings):
    # A coat is not a jumper: at least a twentieth of the picture differs.
    settings.MAISON_DEMO_PICTURE_WIDTH = 200
    differs = ImageChops.difference(drawn_mask(*one), drawn_mask(*other))
    changed = 200 * 260 - differs.histogram()[0]
    assert changed > 200 * 260 / 20, (one, other, changed)


def cloth_share(data: bytes) -> float:
    """The share of a navy drawing that is cloth rather than the pale backdrop."""
    picture = Image.open(io.BytesIO(data)).convert("L")
    return picture.point(lambda v: 255 if v < 150 else 0).histogram()[255] / (160 * 208)


@pytest.mark.parametrize(
    ("category", "name"),
    [("coats", "Double-breasted wool coat"), ("accessories", "Leather belt")],
)
def test_the_detail_is_a_close_up_of_the_front(category, name):
    # The tests' drawings are 160 px wide (conftest); a close-up is mostly cloth.
    shape = demo_pictures.shape_for(category, name)
    front = demo_pictures.draw(shape, "#1f2a44", "wool-coat", back=False, striped=False)
    detail = demo_pictures.draw(
        shape, "#1f2a44", "wool-coat", back=False, striped=False, detail=True
    )
    assert Image.open(io.BytesIO(detail)).size == Image.open(io.BytesIO(front)).size
    assert cloth_share(detail) > 1.5 * cloth_share(front)


def test_the_demo_draws_every_colour_front_back_and_detail_through_the_upload_path(
    db, django_capture_on_commit_callbacks
):
    # proves: ORD-1
    with django_capture_on_commit_callbacks(execute=True):
        created = load_demo()
    # Each colour of each product: its front, its back, then a close-up, named in both languages.
    for product in Product.objects.prefetch_related("variants", "images"):
        colours = list(dict.fromkeys(v.colour_en for v in product.variants.all()))
        pictures = sorted(product.images.all(), key=lambda p: p.position)
        assert [p.colour for p in pictures] == [c for c in colours for _ in range(3)], product
        for front, back, detail in zip(pictures[::3], pictures[1::3], pictures[2::3], strict=True):
            assert front.alt_en.endswith(", front view"), front.alt_en
            assert front.alt_fr.endswith(", vue de face"), front.alt_fr
            assert back.alt_en.endswith(", back view"), back.alt_en
            assert back.alt_fr.endswith(", vue de dos"), back.alt_fr
            assert detail.alt_en.endswith(" detail"), detail.alt_en
            assert ", détail d" in detail.alt_fr, detail.alt_fr
    coat = Product.objects.get(slug="double-breasted-wool-coat")
    assert [(p.alt_en, p.alt_fr) for p in coat.images.order_by("position")[:3]] == [
        (
            "Double-breasted wool coat in navy, front view",
            "Manteau croisé en laine, coloris marine, vue de face",
        ),
        (
            "Double-breasted wool coat in navy, back view",
            "Manteau croisé en laine, coloris marine, vue de dos",
        ),
        (
            "Double-breasted wool coat in navy, buttons detail",
            "Manteau croisé en laine, coloris marine, détail des boutons",
        ),
    ]
    belt = Product.objects.get(slug="leather-belt").images.order_by("position")[5]
    assert (belt.alt_en, belt.alt_fr) == (
        "Leather belt in brown, buckle detail",
        "Ceinture en cuir, coloris marron, détail de la boucle",
    )
    pictures = list(coat.images.all())
    assert (
        created["pictures"]
        == ProductImage.objects.count()
        == 3
        * sum(
            len(set(p.variants.values_list("colour_en", flat=True))) for p in Product.objects.all()
        )
    )
    # Made by the worker's task, as an upload's: here the tests' small drawings.
    assert {(r["format"], r["width"]) for r in pictures[0].renditions} == {
        ("webp", 160),
        ("jpeg", 160),
    }
    assert not ProductImage.objects.filter(renditions=[]).exists()


def test_a_picture_whose_task_was_lost_gets_its_renditions_from_the_scheduler(coat, at):
    with at(datetime(2026, 12, 7, 9, 0, tzinfo=UTC)):
        lost = add(coat, halves(64, 84))  # committed, but the worker never ran its task
    with at(datetime(2026, 12, 7, 9, 20, tzinfo=UTC)):
        waiting = add(coat, halves(84, 64))  # its task is still in the queue
        assert services.queue_missing_renditions() == 1
    lost.refresh_from_db()
    waiting.refresh_from_db()
    assert {(r["format"], r["width"]) for r in lost.renditions} == {("webp", 64), ("jpeg", 64)}
    assert waiting.renditions == []
    assert "make-missing-renditions" in [job.name for job in JOBS]


@pytest.mark.parametrize(
    ("original", "widths"),
    [
        (3000, [320, 640, 960, 1280]),
        (1280, [320, 640, 960, 1280]),
        (800, [320, 640, 800]),
        (200, [200]),
    ],
)
def test_renditions_are_never_wider_than_the_original_nor_the_widest_page(original, widths):
    assert renditions.widths_for(original) == widths
