/**
 * "当地时间 09:42 (Europe/Berlin)", refreshed every minute, with a mark whether people there are
 * at work now and whether their day is ahead of or behind ours.
 */
import { ClockCircleOutlined } from "@ant-design/icons";
import { Badge, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { customerTimeZone, localClock } from "./localTime.ts";

export function LocalTime({ customer }: { customer: { timeZone: string | null; country: string } }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    // Tick on the minute, so the clock never lags the real one by up to a minute.
    let interval: number | undefined;
    const timeout = window.setTimeout(
      () => {
        setNow(new Date());
        interval = window.setInterval(() => setNow(new Date()), 60_000);
      },
      60_000 - (Date.now() % 60_000),
    );
    return () => {
      window.clearTimeout(timeout);
      if (interval !== undefined) window.clearInterval(interval);
    };
  }, []);

  const zone = customerTimeZone(customer);
  const clock = zone ? localClock(zone, now) : null;
  if (!clock) return null;
  const day =
    clock.dayOffset > 0 ? t("customer.nextDay") : clock.dayOffset < 0 ? t("customer.previousDay") : "";
  return (
    <Tooltip title={clock.workingHours ? t("customer.workingHours") : t("customer.offHours")}>
      <span data-testid="customer-local-time" className="tw-local-time">
        <ClockCircleOutlined /> {t("customer.localTime", { time: clock.time, zone: clock.timeZone })}
        {day && <Typography.Text type="secondary"> {day}</Typography.Text>}{" "}
        <Badge
          status={clock.workingHours ? "success" : "default"}
          text={
            <Typography.Text type="secondary" className="tw-small">
              {clock.workingHours ? t("customer.workingHoursShort") : t("customer.offHoursShort")}
            </Typography.Text>
          }
        />
      </span>
    </Tooltip>
  );
}
