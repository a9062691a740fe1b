"""Views: rich renderables of the store for ``timeline show``."""
