"""The staff space: social workers and territory admins, behind a login."""
