/**
 * The contacts of a customer inside its form: name, title, e-mails and phones (several per box,
 * phones in international form so anyone can dial them from China), WhatsApp, WeChat, Skype,
 * LinkedIn, and which one is the primary contact.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Col, Form, type FormInstance, Input, Radio, Row, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import {
  type ContactFormValues,
  type CustomerFormValues,
  emptyContact,
  isEmail,
  isInternationalPhone,
  splitEmails,
  splitPhones,
} from "./customerForm.ts";

interface Props {
  form: FormInstance<CustomerFormValues>;
}

/** Nothing typed into the contact at all. */
function isBlankContact(contact: ContactFormValues | undefined): boolean {
  if (!contact) return true;
  return [
    contact.emailsText,
    contact.phonesText,
    contact.title,
    contact.whatsapp,
    contact.wechat,
    contact.skype,
    contact.linkedin,
  ].every((value) => !value?.trim());
}

export function ContactsEditor({ form }: Props) {
  const { t } = useTranslation();

  const makePrimary = (index: number) => {
    const contacts = (form.getFieldValue("contacts") ?? []) as ContactFormValues[];
    form.setFieldValue(
      "contacts",
      contacts.map((contact, i) => ({ ...contact, primary: i === index })),
    );
  };

  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <div key={field.key} className="tw-contact-box" data-testid={`contact-${index}`}>
              <Form.Item name={[field.name, "id"]} hidden>
                <Input />
              </Form.Item>
              <div className="tw-contact-head">
                <Form.Item name={[field.name, "primary"]} valuePropName="checked" noStyle>
                  <Radio onChange={() => makePrimary(index)} data-testid={`contact-primary-${index}`}>
                    {t("customerForm.primaryContact")}
                  </Radio>
                </Form.Item>
                <Tooltip title={t("customerForm.removeContact")}>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t("customerForm.removeContact")}
                  />
                </Tooltip>
              </div>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[field.name, "name"]}
                    label={t("customerForm.contactName")}
                    rules={[
                      {
                        // A row left completely empty is simply dropped; one with an e-mail or phone needs a name.
                        validator: (_rule, value: string | undefined) =>
                          value?.trim() || isBlankContact(form.getFieldValue(["contacts", field.name]))
                            ? Promise.resolve()
                            : Promise.reject(new Error(t("customerForm.contactNameRequired"))),
                      },
                      { max: 200, message: t("validation.tooLong", { max: 200 }) },
                    ]}
                    required
                  >
                    <Input data-testid={`contact-name-${index}`} autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, "title"]} label={t("customerForm.contactTitle")}>
                    <Input placeholder={t("customerForm.contactTitlePlaceholder")} maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[field.name, "emailsText"]}
                    label={t("customerForm.contactEmails")}
                    extra={t("customerForm.severalHint")}
                    rules={[
                      {
                        validator: (_rule, value: string | undefined) => {
                          const wrong = splitEmails(value).filter((email) => !isEmail(email));
                          return wrong.length === 0
                            ? Promise.resolve()
                            : Promise.reject(new Error(t("customerForm.emailInvalid", { value: wrong[0] })));
                        },
                      },
                    ]}
                  >
                    <Input
                      data-testid={`contact-email-${index}`}
                      placeholder="buyer@company.com"
                      autoComplete="off"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[field.name, "phonesText"]}
                    label={t("customerForm.contactPhones")}
                    extra={t("customerForm.phoneHint")}
                    rules={[
                      {
                        validator: (_rule, value: string | undefined) => {
                          const wrong = splitPhones(value).filter((phone) => !isInternationalPhone(phone));
                          return wrong.length === 0
                            ? Promise.resolve()
                            : Promise.reject(new Error(t("customerForm.phoneInvalid", { value: wrong[0] })));
                        },
                      },
                    ]}
                  >
                    <Input
                      data-testid={`contact-phone-${index}`}
                      placeholder="+49 30 1234567"
                      autoComplete="off"
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, "whatsapp"]} label="WhatsApp">
                    <Input placeholder="+49 171 5550000" maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, "wechat"]} label={t("customerForm.wechat")}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, "skype"]} label="Skype">
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, "linkedin"]} label="LinkedIn">
                    <Input maxLength={300} placeholder="linkedin.com/in/..." />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add(emptyContact(fields.length === 0))}
            data-testid="contact-add"
          >
            {t("customerForm.addContact")}
          </Button>
        </>
      )}
    </Form.List>
  );
}
