-- wrk script: POST an original-shaped heartbeat with the bot token from $TOKEN.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"uptime_s": 3600.5, "equity": 10250.75, "realized_pnl_today": 125.5, "trading_day": "2026-11-24", '
  .. '"positions": [{"symbol": "BTCUSDT", "qty": -0.25, "avg_price": 97000.0, "mark_price": 96500.0}], '
  .. '"open_orders": 2, "mode": "live", "version": "3.4.1"}'
