"""The gateway API 2.0 as one login sees it, one module per family of resources."""
