from django.urls import path

from .views import basket, catalog, checkout, orders, pages

app_name = "storefront"

urlpatterns = [
    path("", catalog.home, name="home"),
    path("c/<slug:slug>/", catalog.category, name="category"),
    path("p/<slug:slug>/", catalog.product, name="product"),
    path("img/<slug:slug>/<str:colour>.svg", catalog.product_image, name="product-image"),
    path("search/", catalog.search, name="search"),
    path("basket/", basket.basket, name="basket"),
    path("basket/add/", basket.add, name="basket-add"),
    path("basket/line/<int:line_id>/", basket.update, name="basket-update"),
    path("basket/line/<int:line_id>/remove/", basket.remove, name="basket-remove"),
    path("checkout/", checkout.details, name="checkout"),
    path("checkout/delivery/", checkout.delivery, name="checkout-delivery"),
    path("checkout/payment/", checkout.payment, name="checkout-payment"),
    path("checkout/review/", checkout.review, name="checkout-review"),
    path("checkout/place/", checkout.place, name="checkout-place"),
    path("orders/<str:number>/<str:key>/", orders.order, name="order"),
    path("orders/<str:number>/<str:key>/summary/", orders.order_summary, name="order-summary"),
    path("track/", orders.track, name="track"),
    path("terms/", pages.terms, name="terms"),
    path("customer-service/", pages.customer_service, name="customer-service"),
    path("account/", pages.account, name="account"),
]
