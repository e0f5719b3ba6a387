// Turning report cells into text: Dutch display form for people, plain form for machines.
#pragma once

#include <string>

#include "core/report/report.h"

namespace kk::report {

/// People's form (Dutch conventions): "€ 1.234,56", "80 %", "12.345", "3,50", "31/12/2025".
/// Decimals are shown with the column's `decimals`.
std::string formatDisplay(const Cell& cell, const Column& column);

/// Machine form for CSV and data attributes: money "1234.56", rates as a decimal fraction
/// with at most 6 decimals ("0.8", "0.333333"), integers "12345", decimals "3.50",
/// dates ISO "2025-12-31". `decimalSep` replaces the '.' (',' for Excel with Dutch locale).
std::string formatMachine(const Cell& cell, char decimalSep = '.');

/// A number for axis ticks and legends with Dutch separators and fixed decimals:
/// 1234567.5 with 1 decimal → "1.234.567,5".
std::string formatNumber(double value, int decimals);

/// Compact axis label: 2500000 → "2,5 mln", 250000 → "250.000"; `money` prefixes "€ ".
/// `step` is the tick step; it decides how many decimals are needed.
std::string formatAxisValue(double value, double step, bool money);

}  // namespace kk::report
