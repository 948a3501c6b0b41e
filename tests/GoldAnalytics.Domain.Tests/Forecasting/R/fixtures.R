# Computes the R reference values that RFixtures.cs holds (R's forecast package, Debian r-cran-forecast).
# Run from the repository root: Rscript tests/GoldAnalytics.Domain.Tests/Forecasting/R/fixtures.R ../shared/data/m3.csv
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
m3 <- read.csv(args[1])
ids <- c("N0001", "N0700", "N1500", "N1900", "N2200", "N2900")
for (id in ids) {
  s <- m3[m3$series == id & m3$split == "train", ]
  s <- s[order(s$t), ]
  h <- s$horizon[1]
  x <- ts(s$value, frequency = s$frequency[1])
  th <- thetaf(x, h = h)
  e <- ets(x)
  a <- auto.arima(x)
  k <- urca::ur.kpss(s$value, type = "mu", use.lag = trunc(3 * sqrt(length(s$value)) / 13))@teststat
  cat(sprintf("%s|%d|%s|%s|%s|%s|%.10f|%s\n", id, h,
    paste(sprintf("%.6f", th$mean), collapse = ";"),
    e$method, paste(sprintf("%.6f", forecast(e, h = h)$mean), collapse = ";"),
    paste(arimaorder(a), collapse = ";"), k,
    paste(sprintf("%.6f", forecast(e, h = h)$upper[, 2]), collapse = ";")))
}
cat(sprintf("croston|%.10f\n",
  croston(c(0, 0, 5, 0, 0, 3, 0, 0, 0, 4, 0, 2), h = 1, alpha = 0.1)$mean[1]))
