"""The public bridge: channels, eligibility, callbacks, staff pages and indicators."""
