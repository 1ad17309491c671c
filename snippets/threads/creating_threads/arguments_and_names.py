"""Pass positional and keyword arguments, and name threads so logs make sense."""

import threading

lines = []
lock = threading.Lock()


def download(url, *, retries):
    me = threading.current_thread()  # the Thread object running this call
    with lock:
        lines.append(f"{me.name}: {url} (retries={retries})")


if __name__ == "__main__":
    urls = ["/index.html", "/about.html", "/contact.html"]
    threads = [
        threading.Thread(
            target=download, args=(url,), kwargs={"retries": 2}, name=f"fetch-{i}"
        )
        for i, url in enumerate(urls)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("\n".join(sorted(lines)))
    print("the main thread is called", threading.main_thread().name)
    unnamed = threading.Thread(target=download, args=("/",), kwargs={"retries": 0})
    print("a thread created without a name is called", repr(unnamed.name))
    print("threads alive after join():", threading.active_count())
