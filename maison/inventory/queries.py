from .models import Stock


def available(variant_id: int) -> int:
    stock = Stock.objects.filter(variant_id=variant_id).first()
    return stock.available if stock else 0
