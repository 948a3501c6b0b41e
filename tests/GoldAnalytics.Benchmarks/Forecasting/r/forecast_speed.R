# The forecast-speed workload in R's forecast package, for the speed ratio in the README.
# Same candidates as the project's automatic selection for weekly data (season 52): naive, seasonal naive,
# ETS and ARIMA on the STL-adjusted series, Theta, Fourier regression (K by AICc), and the mean of
# STL-ETS, STL-ARIMA and Theta; specifications chosen on the whole series and re-estimated at two back-test
# origins; the lowest back-test MASE wins and is refitted with 80/95% intervals.
# Usage: Rscript forecast_speed.R series.csv [count]   (series.csv from goldanalytics-bench forecast-speed --write-csv)
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1])
ids <- unique(data$series)
if (length(args) > 1) ids <- ids[seq_len(as.integer(args[2]))]
h <- 13; m <- 52

stl_parts <- function(x) {
  s <- stl(x, s.window = 11)
  list(adjusted = ts(as.numeric(seasadj(s))), seasonal = s$time.series[, "seasonal"])
}

fourier_regression <- function(x, k, hh = 0) {
  n <- length(x)
  X <- cbind(1, seq_len(n), fourier(x, K = k))
  fit <- lm.fit(X, as.numeric(x))
  sse <- sum(fit$residuals^2); p <- ncol(X) + 1
  result <- list(aicc = n * log(sse / n) + 2 * p + 2 * p * (p + 1) / (n - p - 1))
  if (hh > 0) result$mean <- as.numeric(cbind(1, n + seq_len(hh), fourier(x, K = k, h = hh)) %*% fit$coefficients)
  result
}
reseason <- function(parts, f, k) as.numeric(f) + rep(as.numeric(tail(parts$seasonal, m)), 2)[seq_len(k)]

specify <- function(x) {
  p <- stl_parts(x)
  e <- ets(p$adjusted)
  a <- auto.arima(p$adjusted)
  aiccs <- sapply(1:10, function(k) fourier_regression(x, k)$aicc)
  best_k <- which.min(aiccs)
  list(ets = e, arima = a, k = best_k)
}

# A specification that cannot be re-estimated at an origin (e.g. a multiplicative ETS form on an adjusted series
# that turned non-positive) fails there, as in the project: it is not scored and the combination averages the rest.
failed <- function(k) rep(NA_real_, k)

candidates <- function(x, spec, k) {
  p <- stl_parts(x)
  e <- tryCatch(forecast(ets(p$adjusted, model = spec$ets, use.initial.values = FALSE), h = k)$mean, error = function(err) failed(k))
  a <- tryCatch(forecast(Arima(p$adjusted, model = NULL, order = arimaorder(spec$arima)[1:3],
                               include.drift = "drift" %in% names(coef(spec$arima))), h = k)$mean, error = function(err) failed(k))
  th <- as.numeric(thetaf(x, h = k)$mean)
  reg <- fourier_regression(x, spec$k, k)$mean
  se <- as.numeric(reseason(p, e, k)); sa <- as.numeric(reseason(p, a, k))
  list(Naive = as.numeric(naive(x, h = k)$mean), SeasonalNaive = as.numeric(snaive(x, h = k)$mean),
       `STL-ETS` = se, `STL-ARIMA` = sa, Theta = th, Regression = reg,
       `STL-Combination` = rowMeans(cbind(se, sa, th), na.rm = TRUE))
}

mase <- function(train, actual, f) mean(abs(actual - f)) / mean(abs(diff(train, lag = m)))

started <- Sys.time()
cpu_started <- proc.time()
chosen <- character(0)
for (id in ids) {
  y <- data$value[data$series == id]
  x <- ts(y, frequency = m)
  n <- length(y)
  spec <- specify(x)
  scores <- NULL
  for (cut in c(n - h, n - h - 6)) {
    train <- ts(y[1:cut], frequency = m)
    f <- candidates(train, spec, h)
    s <- sapply(f, function(v) mase(y[1:cut], y[(cut + 1):(cut + h)], as.numeric(v)))
    scores <- if (is.null(scores)) s else scores + s
  }
  best <- names(which.min(scores))  # which.min skips candidates that failed (NA)
  chosen <- c(chosen, best)
  invisible(candidates(x, spec, h)[[best]])
  invisible(forecast(spec$ets, h = h, level = c(80, 95)))
}
elapsed <- as.numeric(difftime(Sys.time(), started, units = "secs"))
cpu <- sum((proc.time() - cpu_started)[c("user.self", "sys.self")])
cat(sprintf("R forecast %s: %d series in %.1f s elapsed, %.1f s CPU (%.4f s CPU per series, one core)\n",
  packageVersion("forecast"), length(ids), elapsed, cpu, cpu / length(ids)))
print(table(chosen))
