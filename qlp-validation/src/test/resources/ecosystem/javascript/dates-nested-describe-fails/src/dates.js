'use strict';

function isLeapYear(year) {
  // Bug: forgets the 400-year rule.
  return year % 4 === 0 && year % 100 !== 0;
}

function daysInMonth(year, month) {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

module.exports = { isLeapYear, daysInMonth };
