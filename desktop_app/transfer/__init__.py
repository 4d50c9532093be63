"""Talking to the outside: FTP, FTPS and SFTP servers, and the SMTP server.

``clients.open_client`` gives a ready :class:`remote.RemoteClient`; ``listing`` picks the
files of a run, ``download`` fetches them safely, ``smtp`` sends and ``report`` writes the
failure e-mail. Every failure a user can act on is a type in ``errors``. No Qt here.
"""
