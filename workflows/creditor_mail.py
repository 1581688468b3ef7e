"""How workflow code reaches a creditor: a webhook message to its own system if it has one, and a letter
by post or e-mail unless it takes everything through the creditor API."""

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.inventarisatie import Bereik
    from activities.letters import LetterActivities, LetterRequest
    from activities.webhooks import WebhookActivities, WebhookMessage
    from workflows.activity_options import ACTIVITY, REMOTE, SCHULDEISER_IN_DE_TAAK, write


async def notify_creditor(
    reach: Bereik,
    request: LetterRequest,
    resource: str,
    resource_id: str,
) -> None:
    """Send `request`'s letter to its creditor through the creditor's channel, once per the request's key."""
    schuldeiser_id = request.schuldeiser_id or ""
    if reach.webhook:
        message = WebhookMessage(schuldeiser_id, request.key, request.kind.value, resource_id, resource)
        await workflow.execute_activity_method(WebhookActivities.notify_creditor, message, **REMOTE)
    if reach.kanaal == "api":
        return
    brief_id = await write(LetterActivities.write_letter, request, SCHULDEISER_IN_DE_TAAK)
    await workflow.execute_activity_method(LetterActivities.deliver_letter, brief_id, **ACTIVITY)
