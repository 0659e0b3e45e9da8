"""Credit routes (doc 6.9): the balance and the AI price list."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.credits import store
from app.vendors.lio.credits.schemas import AiFeatureSchema, CreditsSchema

blp = LioBlueprint("lio_credits", __name__, auth=bearer, description="Your organization's AI credits.")


@blp.route("/credits", methods=["GET"])
@blp.response(200, CreditsSchema, message="Credits fetched successfully")
@blp.doc(operationId="getCredits")
def credits():
    """Organization credit balance

    Sandbox: seeded balances are Acme 1,000 and Globex 20. `spent` is the total spent since
    seeding and `recent_transactions` the last 20 spends, newest first. Each AI call spends its
    price (`/credits/ai-features`); a call the balance cannot pay answers 403
    `insufficient_credits` and spends nothing — the balance never goes negative.
    """
    return store.get_credits(principal())


@blp.route("/credits/ai-features", methods=["GET"])
@blp.response(200, AiFeatureSchema(many=True), message="AI features fetched successfully")
@blp.doc(operationId="listAiFeatures")
def ai_features():
    """AI feature pricing

    Sandbox: a fixed price list; `credits` is the price of one `unit` (`ai_email_bulk` is per lead).
    """
    return store.list_features(principal())
