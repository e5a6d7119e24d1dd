from setuptools import find_packages, setup

setup(name="textutils", version="1.2.0", packages=find_packages(exclude=["tests"]))
