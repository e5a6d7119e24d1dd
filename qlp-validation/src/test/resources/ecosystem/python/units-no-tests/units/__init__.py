from .convert import celsius_to_fahrenheit, fahrenheit_to_celsius
