import sqlite3


class OrderRepository:
    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def add(self, customer, total):
        cursor = self.connection.execute(
            "INSERT INTO orders (customer, total) VALUES (?, ?)", (customer, total))
        return cursor.lastrowid

    def total_for(self, customer):
        row = self.connection.execute(
            "SELECT COALESCE(SUM(total), 0) FROM orders WHERE customer = ?", (customer,)).fetchone()
        return row[0]
