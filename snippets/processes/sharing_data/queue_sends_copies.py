"""multiprocessing.Queue pickles what you put and a feeder thread sends it."""

import multiprocessing
import threading

pickled_in_threads = []  # filled in the parent, by __getstate__ below


class Order:
    def __init__(self, items):
        self.items = items

    def __getstate__(self):
        # pickle calls this; record which thread of this process did the pickling
        pickled_in_threads.append(threading.current_thread().name)
        return self.__dict__


def add_pear(inbox, outbox):
    order = inbox.get(timeout=10)
    order.items.append("pear")  # changes the child's copy only
    outbox.put(order)


if __name__ == "__main__":
    inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
    worker = multiprocessing.Process(target=add_pear, args=(inbox, outbox))
    worker.start()

    order = Order(["apple"])
    inbox.put(order)  # returns at once: the object is only buffered here
    returned = outbox.get(timeout=10)
    worker.join(timeout=10)

    print(f"parent's order:    {order.items}")
    print(f"order sent back:   {returned.items}")
    print(f"same object:       {returned is order}")
    print(f"pickled in thread: {pickled_in_threads}")
