"""What every history revision says about itself: who made it and why."""

import reversion


def record_revision(user, comment):
    """Inside reversion.create_revision(): name the user (if any) and the reason."""
    if user is not None and user.is_authenticated:
        reversion.set_user(user)
    reversion.set_comment(comment)
