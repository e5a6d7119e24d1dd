import csv
import statistics


def column_mean(path, column):
    with open(path, newline="", encoding="utf-8") as handle:
        values = [float(row[column]) for row in csv.DictReader(handle)]
    return statistics.mean(values)
