'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { isLeapYear, daysInMonth } = require('../src/dates');

describe('dates', () => {
  describe('isLeapYear', () => {
    it('knows ordinary leap years', () => {
      assert.equal(isLeapYear(2024), true);
    });

    it('knows century years are not leap years', () => {
      assert.equal(isLeapYear(1900), false);
    });

    it('knows every 400th year is a leap year', () => {
      assert.equal(isLeapYear(2000), true);
    });
  });

  describe('daysInMonth', () => {
    it('gives February 29 days in 2024', () => {
      assert.equal(daysInMonth(2024, 2), 29);
    });
  });
});
