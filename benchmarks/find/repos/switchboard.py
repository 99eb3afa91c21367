"""switchboard: a customer-support operations repo built around .claude/skills, agents and .mcp.json servers."""

# ruff: noqa: E501  (the strings below are other repos' files; their long lines are part of the realism)
from __future__ import annotations

import json

from ._text import dedent

NAME = "switchboard"

FILES: dict[str, str] = {}


def _skill(name: str, description: str, body: str, **front: str) -> str:
    """A SKILL.md with YAML frontmatter (folded description) and a markdown body."""
    lines = ["---", f"name: {name}", "description: >-"]
    lines += ["  " + line for line in dedent(description).strip().splitlines()]
    lines += [f"{key.replace('_', '-')}: {value}" for key, value in front.items()]
    return "\n".join(lines) + "\n---\n\n" + dedent(body)


FILES["CLAUDE.md"] = dedent(
    """
    # Switchboard

    Support operations for Parcelo (DTC coffee subscriptions, Shopify + Recharge + Stripe).
    Agents here act for the support team: Zendesk is the system of record for conversations.

    - Never promise delivery dates; quote the carrier's estimate.
    - Refunds over 150 EUR need a lead's approval noted on the ticket.
    - Customer PII stays in Zendesk/Shopify; do not paste it into Slack.
    """
)

FILES[".mcp.json"] = (
    json.dumps(
        {
            "mcpServers": {
                "zendesk": {
                    "command": "npx",
                    "args": ["-y", "zendesk-mcp-server"],
                    "env": {"ZENDESK_SUBDOMAIN": "parcelo", "ZENDESK_API_TOKEN": "${ZENDESK_API_TOKEN}"},
                },
                "stripe": {
                    "command": "npx",
                    "args": ["-y", "@stripe/mcp", "--tools=all"],
                    "env": {"STRIPE_SECRET_KEY": "${STRIPE_RESTRICTED_KEY}"},
                },
                "shopify": {"command": "npx", "args": ["-y", "shopify-mcp", "--domain", "parcelo.myshopify.com"]},
                "analytics-db": {
                    "command": "npx",
                    "args": ["-y", "@modelcontextprotocol/server-postgres"],
                    "env": {"DATABASE_URL": "${SUPPORT_ANALYTICS_RO_URL}"},
                },
                "pagerduty": {"type": "http", "url": "https://mcp.pagerduty.com/mcp"},
                "slack": {
                    "command": "npx",
                    "args": ["-y", "@modelcontextprotocol/server-slack"],
                    "env": {"SLACK_BOT_TOKEN": "${SLACK_BOT_TOKEN}", "SLACK_TEAM_ID": "T02PARCELO"},
                },
                "notion": {"type": "http", "url": "https://mcp.notion.com/mcp"},
            }
        },
        indent=2,
    )
    + "\n"
)

FILES[".claude/skills/refund-order/SKILL.md"] = _skill(
    "refund-order",
    """
    Issues a full or partial refund for a Shopify order (and the matching Stripe charge) and
    adds an internal note to the Zendesk ticket. Use when a refund has been approved.
    """,
    """
    # Refund an order

    1. Look up the order in Shopify (`shopify` MCP) and confirm the amount already refunded.
    2. Over 150 EUR: check the ticket has a lead's approval note. Stop if not.
    3. Refund in Shopify with `restock: false` unless the parcel came back.
    4. Internal note on the ticket: amount, reason, approver.
    """,
    allowed_tools="mcp__shopify__refund_order mcp__zendesk__add_internal_note",
)

FILES[".claude/skills/order-status/SKILL.md"] = _skill(
    "order-status",
    """
    Finds an order by number, customer email or tracking code and summarises payment,
    fulfilment and the carrier's latest scan. Read-only.
    """,
    """
    # Order status

    Search Shopify by `name:#1234`, `email:` or tracking number. Report: paid/refunded, items,
    fulfilment status, carrier + last tracking event with its date, and the carrier's ETA.
    """,
)

FILES[".claude/skills/cancel-subscription/SKILL.md"] = _skill(
    "cancel-subscription",
    """
    Cancels or pauses a Recharge subscription, offering a pause or a skip first as our
    retention policy requires. Records the cancellation reason.
    """,
    """
    # Cancel a subscription

    1. Find the subscription in Recharge by customer email.
    2. Offer (in the reply draft) pause 1-3 months or skip next shipment.
    3. If the customer insists, cancel with reason code from the list in `policies/cancellation.md`.
    """,
)

FILES[".claude/skills/resend-confirmation/SKILL.md"] = _skill(
    "resend-confirmation",
    """
    Re-sends the Shopify shipping confirmation (with the tracking link) to the customer's email
    on file or to a new address they gave on the ticket.
    """,
    """
    # Resend shipping confirmation

    Use the Shopify `fulfillment.notify_customer` endpoint. If the email bounced earlier, update the
    address on the order first and note it on the ticket.
    """,
)

FILES[".claude/skills/carrier-claim/SKILL.md"] = _skill(
    "carrier-claim",
    """
    Files a lost or damaged parcel claim with DHL or UPS through their business portal forms,
    attaching the order value and photos from the ticket.
    """,
    """
    # Carrier claim

    Eligible when: tracking shows "delivered" but the customer did not receive it (after 48 h), no scan
    for 7 days, or photos show damage. Fill the claim form, paste the claim number into the ticket, and
    ship a replacement via `refund-order` only if the lead agrees.
    """,
)

FILES[".claude/skills/zendesk-macros-sync/SKILL.md"] = _skill(
    "zendesk-macros-sync",
    """
    Pushes the macros defined in macros/*.yml to Zendesk: creates new ones and updates changed
    ones, never deletes. Shows a diff first.
    """,
    """
    # Sync macros

    Run `python scripts/macros.py diff` and show the output; after confirmation run
    `python scripts/macros.py push`.
    """,
    disable_model_invocation="true",
)

FILES[".claude/skills/weekly-report/SKILL.md"] = _skill(
    "weekly-report",
    """
    Builds the Monday support report: tickets solved, first reply time, full resolution time,
    CSAT and backlog by tag, from the analytics database.
    """,
    """
    # Weekly report

    Query the `analytics-db` MCP server (`support.tickets_daily`, `support.csat`) for the last full week
    (Mon-Sun), compare with the week before, and post the summary to #support-leads.
    """,
)

FILES[".claude/skills/page-engineering/SKILL.md"] = _skill(
    "page-engineering",
    """
    Opens a PagerDuty incident on the engineering on-call schedule and posts to #incidents with
    the ticket links, when many customers report the same breakage (checkout, login, app down).
    """,
    """
    # Page engineering

    Only for customer-facing breakage affecting several customers. Include: what customers see,
    since when, number of tickets, example ticket links. Severity: SEV2 unless checkout is down (SEV1).
    """,
)

FILES[".claude/skills/localize-article/SKILL.md"] = _skill(
    "localize-article",
    """
    Translates a Help Center article into German, French and Spanish and saves each as a draft
    in Zendesk Guide for a native speaker to review.
    """,
    """
    # Localize a help article

    Keep product names, links and placeholders unchanged. Use informal "du" in German. Save as drafts only.
    """,
)

FILES[".claude/commands/summarize-ticket.md"] = dedent(
    """
    ---
    description: Condense a ticket conversation into 5 bullets (issue, what was tried, customer mood, next step)
    argument-hint: "<ticket-id>"
    ---

    Fetch ticket $ARGUMENTS with all comments via the zendesk MCP server and summarise it.
    """
)

FILES[".claude/commands/draft-reply.md"] = dedent(
    """
    ---
    description: Draft a reply in our tone of voice for a ticket
    argument-hint: "<ticket-id>"
    ---

    Read ticket $ARGUMENTS, the customer's order history and our policies in `policies/`.
    Draft a reply (friendly, short, no promises about delivery dates). Do not send it.
    """
)

FILES[".claude/commands/bulk-close-spam.md"] = dedent(
    """
    ---
    description: Find tickets that are spam or phishing in the new queue and close them with the spam tag
    ---

    Search `status:new created>24hours`, classify each, and for spam set status `closed` + tag `spam`.
    List what you closed.
    """
)

FILES[".claude/agents/reply-checker.md"] = dedent(
    """
    ---
    name: reply-checker
    description: Reviews a drafted customer reply for tone, policy violations and promises we cannot keep, before a human sends it.
    tools: Read
    ---

    Check the draft against `policies/*.md`. Flag: promised delivery dates, refunds without approval,
    blaming the carrier, missing apology when we were at fault.
    """
)

FILES[".claude/agents/policy-lookup.md"] = dedent(
    """
    ---
    name: policy-lookup
    description: Answers "what is our policy on X" from policies/*.md with the exact quote.
    tools: Read, Grep
    ---

    Quote the relevant paragraph and its file. Say so plainly when no policy covers the question.
    """
)

FILES["scripts/export_tickets.py"] = dedent(
    '''
    #!/usr/bin/env python3
    """Zendesk search -> CSV (id, created, subject, tags, requester, status, satisfaction)."""

    import argparse
    import csv
    import sys


    def main() -> int:
        p = argparse.ArgumentParser(description=__doc__)
        p.add_argument("query", help='Zendesk search syntax, e.g. "tags:damaged created>2024-05-01"')
        p.add_argument("-o", "--output", default="-")
        args = p.parse_args()
        writer = csv.writer(sys.stdout)
        writer.writerow(["id", "created", "subject", "tags"])
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    '''
)

FILES["scripts/macros.py"] = dedent(
    '''
    #!/usr/bin/env python3
    """macros/*.yml <-> Zendesk macros: `diff` or `push` (create + update, no delete)."""

    import argparse
    import sys


    def main() -> int:
        p = argparse.ArgumentParser(description=__doc__)
        p.add_argument("action", choices=["diff", "push"])
        args = p.parse_args()
        print(args.action)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    '''
)
