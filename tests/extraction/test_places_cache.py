"""The place index is kept in the user's cache folder, and rebuilt when it is unusable."""

from doingoai.extraction.normalize import places


def test_index_is_cached_and_a_broken_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = places._cached_index()
    [cached] = (tmp_path / "doingoai").glob("places-*.pickle")
    assert places._cached_index().glued.keys() == built.glued.keys()
    cached.write_bytes(b"not a pickle")
    rebuilt = places._cached_index()
    assert rebuilt.glued.keys() == built.glued.keys()
    assert cached.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_folder_still_gives_the_index(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file, so no folder can be made in it
    assert places._cached_index().glued
