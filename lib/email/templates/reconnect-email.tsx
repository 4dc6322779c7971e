import { Button } from "@react-email/button";
import { Heading } from "@react-email/heading";
import { Text } from "@react-email/text";
import type { ReconnectEmailData } from "../kinds";
import { Layout, styles } from "./layout";

export function ReconnectEmail({ data }: { data: ReconnectEmailData }) {
  return (
    <Layout
      preview="iCloud stopped accepting your app-specific password."
      organizationName={data.organizationName}
      footer="Sent once each time the connection breaks. Nothing else is needed once you reconnect."
    >
      <Heading as="h1" style={styles.heading}>
        Reconnect your iCloud calendar
      </Heading>
      <Text style={styles.text}>{`Hi ${data.userName},`}</Text>
      <Text style={styles.text}>
        iCloud no longer accepts the app-specific password stored for {data.appleId}. This happens when the Apple ID&apos;s password is
        changed or the app-specific password is revoked.
      </Text>
      <Text style={styles.text}>
        Until you reconnect, new appointments are not written to your iCloud calendar, and you are not offered for bookings that check your
        iCloud calendar, because your busy time can&apos;t be read.
      </Text>
      <Button href={data.settingsUrl} style={styles.button}>
        Open Calendar Settings
      </Button>
      <Text style={{ ...styles.text, marginTop: "16px" }}>
        Create a new app-specific password at appleid.apple.com (Sign-In and Security › App-Specific Passwords), then choose Reconnect.
      </Text>
    </Layout>
  );
}
