import { Body } from "@react-email/body";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Preview } from "@react-email/preview";
import { Text } from "@react-email/text";

// Inline styles only (mail clients drop <style> and classes), system fonts, no remote images,
// a single readable column that fits a phone.
export const styles = {
  body: {
    backgroundColor: "#f8fafc",
    fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
    margin: 0,
    padding: "24px 0",
  },
  container: {
    backgroundColor: "#ffffff",
    border: "1px solid #e2e8f0",
    borderRadius: "8px",
    margin: "0 auto",
    maxWidth: "560px",
    padding: "24px",
  },
  brand: {
    color: "#1d4ed8",
    fontSize: "13px",
    fontWeight: 600,
    letterSpacing: "0.05em",
    margin: "0 0 8px",
    textTransform: "uppercase" as const,
  },
  heading: { color: "#0f172a", fontSize: "22px", fontWeight: 600, lineHeight: "28px", margin: "0 0 16px" },
  text: { color: "#334155", fontSize: "15px", lineHeight: "22px", margin: "0 0 12px" },
  label: { color: "#64748b", fontSize: "13px", margin: "0" },
  value: { color: "#0f172a", fontSize: "15px", lineHeight: "22px", margin: "0 0 12px" },
  old: { color: "#64748b", fontSize: "15px", lineHeight: "22px", margin: "0 0 12px", textDecoration: "line-through" },
  button: {
    backgroundColor: "#2563eb",
    borderRadius: "6px",
    color: "#ffffff",
    display: "inline-block",
    fontSize: "15px",
    fontWeight: 600,
    padding: "10px 18px",
    textDecoration: "none",
  },
  footer: { color: "#64748b", fontSize: "12px", lineHeight: "18px", margin: "0" },
};

export function Layout({
  preview,
  organizationName,
  children,
  footer,
}: {
  preview: string;
  organizationName: string;
  children: React.ReactNode;
  footer: string;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>{organizationName}</Text>
          {children}
          <Hr style={{ borderColor: "#e2e8f0", margin: "20px 0" }} />
          <Text style={styles.footer}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** One labelled line of the appointment's details. */
export function Detail({ label, children, struck }: { label: string; children: React.ReactNode; struck?: boolean }) {
  return (
    <>
      <Text style={styles.label}>{label}</Text>
      <Text style={struck ? styles.old : styles.value}>{children}</Text>
    </>
  );
}
