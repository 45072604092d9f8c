from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maison import clock
from maison.markets.models import CustomsCategory

from . import uploads


class Category(models.Model):
    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("storefront:category", args=[self.slug])


class Product(models.Model):
    """What the house sells, with the essential characteristics of ORD-1."""

    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    name = models.CharField(_("name"), max_length=120)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    description = models.TextField(_("description"))
    composition = models.CharField(_("composition"), max_length=200)
    care = models.CharField(_("care"), max_length=200, blank=True)
    # Prices live in the markets' price lists (markets.Price); duties follow this.
    customs_category = models.CharField(
        _("customs category"),
        max_length=20,
        choices=CustomsCategory.choices,
        default=CustomsCategory.APPAREL,
    )
    is_active = models.BooleanField(_("on sale"), default=True)
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    # Names, descriptions and compositions in both languages, weighted for ranking.
    # On PostgreSQL a trigger keeps it (migration 0003); SQLite leaves it empty.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [models.Index(fields=["category", "is_active", "position"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("storefront:product", args=[self.slug])


class Variant(models.Model):
    """One colour and size of a product: the unit that is stocked and sold."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="variants", verbose_name=_("product")
    )
    sku = models.CharField(_("SKU"), max_length=40, unique=True)
    colour = models.CharField(_("colour"), max_length=40)
    colour_hex = models.CharField(_("colour swatch"), max_length=7, default="#888888")
    size = models.CharField(_("size"), max_length=20)
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        ordering = ["product_id", "position", "id"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "colour", "size"], name="one_variant_per_option"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product.name} — {self.label}"

    @property
    def label(self) -> str:
        return f"{self.colour}, {self.size}"


class ProductImage(models.Model):
    """A photograph of a product, of one colour or of all, with its renditions.

    The original is kept as checked at upload (decoded, turned upright, its EXIF
    metadata gone: see uploads.py). Pages never show it: they show the
    renditions the task worker makes from it (renditions.py), listed in
    `renditions` as {"format", "width", "height", "name"}; until they exist the
    product shows its drawing.
    """

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    # The colour's English name, as Variant.colour_en; empty: a picture of every colour.
    colour = models.CharField(
        _("colour"),
        max_length=40,
        blank=True,
        help_text=_("Leave empty for a picture that shows every colour."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    alt = models.CharField(
        _("alternative text"),
        max_length=200,
        help_text=_("What the picture shows, for those who cannot see it."),
    )
    original = models.FileField(_("photograph"), upload_to=uploads.FOLDER, max_length=200)
    width = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("width"))
    height = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("height"))
    renditions = models.JSONField(default=list, blank=True, editable=False)
    uploaded_at = models.DateTimeField(
        default=clock.now, editable=False, verbose_name=_("uploaded at")
    )

    class Meta:
        ordering = ["product_id", "position", "id"]
        verbose_name = _("product image")
        verbose_name_plural = _("product images")

    def __str__(self) -> str:
        return self.alt

    def made(self, image_format: str) -> list[dict]:
        """The renditions in `image_format`, narrowest first."""
        return sorted(
            (r for r in self.renditions if r["format"] == image_format), key=lambda r: r["width"]
        )
