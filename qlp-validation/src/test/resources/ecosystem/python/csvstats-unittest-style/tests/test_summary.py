import os
import unittest

from csvstats.summary import column_mean

DATA = os.path.join(os.path.dirname(__file__), "data", "temperatures.csv")


class ColumnMeanTest(unittest.TestCase):
    def test_mean_of_column(self):
        self.assertAlmostEqual(column_mean(DATA, "celsius"), 15.333333333333334)

    def test_unknown_column_raises(self):
        with self.assertRaises(KeyError):
            column_mean(DATA, "fahrenheit")

    @unittest.skip("needs a locale with comma decimals")
    def test_comma_decimals(self):
        self.fail("not implemented")


if __name__ == "__main__":
    unittest.main()
