import { Button } from "@react-email/button";
import { Heading } from "@react-email/heading";
import { Link } from "@react-email/link";
import { Text } from "@react-email/text";
import { formatDateTimeInZone } from "@/lib/time-format";
import type { InvitationEmailData, PasswordResetEmailData } from "../kinds";
import { Layout, styles } from "./layout";

export function InvitationEmail({ data }: { data: InvitationEmailData }) {
  const role = data.role === "ADMIN" ? "an admin" : "a staff member";
  return (
    <Layout
      preview={`${data.inviterName} invited you to join ${data.organizationName}.`}
      organizationName={data.organizationName}
      footer={`The link works once, until ${formatDateTimeInZone(new Date(data.expiresAt), data.timeZone)}. If you weren't expecting it, ignore this email.`}
    >
      <Heading as="h1" style={styles.heading}>
        {`Join ${data.organizationName}`}
      </Heading>
      <Text style={styles.text}>{`Hi ${data.inviteeName},`}</Text>
      <Text
        style={styles.text}
      >{`${data.inviterName} invited you to join ${data.organizationName} as ${role}. Choose your password to create your account.`}</Text>
      <Button href={data.link} style={styles.button}>
        Accept the invitation
      </Button>
      <Text style={{ ...styles.footer, marginTop: "12px" }}>
        Or open this link: <Link href={data.link}>{data.link}</Link>
      </Text>
    </Layout>
  );
}

export function PasswordResetEmail({ data }: { data: PasswordResetEmailData }) {
  return (
    <Layout
      preview="Set a new password for your account."
      organizationName={data.organizationName}
      footer="If you didn't ask for this, ignore this email: your password stays as it is."
    >
      <Heading as="h1" style={styles.heading}>
        Reset your password
      </Heading>
      <Text style={styles.text}>{`Hi ${data.userName},`}</Text>
      <Text
        style={styles.text}
      >{`Someone (hopefully you) asked to reset your password. The link works once, until ${formatDateTimeInZone(new Date(data.expiresAt), data.timeZone)}.`}</Text>
      <Button href={data.link} style={styles.button}>
        Set a new password
      </Button>
      <Text style={{ ...styles.footer, marginTop: "12px" }}>
        Or open this link: <Link href={data.link}>{data.link}</Link>
      </Text>
    </Layout>
  );
}
